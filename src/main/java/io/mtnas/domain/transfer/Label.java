package io.mtnas.domain.transfer;

import io.mtnas.domain.space.Architecture;
import java.util.Objects;

/**
 * What a transfer turned out to be for its target: {@code positive} when one of the transferred
 * architecture's children reached the top r of the target's population.
 *
 * @param round the target's round in which the label was decided (negatives expire by it)
 */
public record Label(Architecture architecture, String source, String target, boolean positive, int round) {
  public Label {
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
  }

  public int value() {
    return positive ? 1 : -1;
  }
}
