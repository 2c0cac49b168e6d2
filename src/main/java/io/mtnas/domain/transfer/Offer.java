package io.mtnas.domain.transfer;

import io.mtnas.domain.space.Architecture;
import java.util.Objects;

/** An architecture of another task's population that could be transferred, with its vote score. */
public record Offer(Architecture architecture, String source, double score) {
  public Offer {
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(source, "source");
  }
}
