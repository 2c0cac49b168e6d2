package io.mtnas.domain.predictor;

import io.mtnas.domain.space.Architecture;
import java.util.Objects;

/**
 * One scored evaluation as the shared predictor sees it.
 *
 * @param sequence the search-wide integration number (1-based), which fixes what a request "as of"
 *     a point may use, so a seeded single-worker search trains exactly the same models every run
 */
public record Observation(long sequence, String task, Architecture architecture, double fitness) {
  public Observation {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(architecture, "architecture");
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence must be >= 1, got " + sequence);
    }
  }
}
