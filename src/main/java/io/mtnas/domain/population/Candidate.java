package io.mtnas.domain.population;

import io.mtnas.domain.evaluation.JobId;
import io.mtnas.domain.space.Architecture;
import java.util.Objects;
import java.util.Optional;

/**
 * An architecture a task's population wants evaluated, under the job id it will be integrated by.
 *
 * @param parent the architecture it was derived from (mutation: the tournament winner), empty for
 *     random samples
 */
public record Candidate(JobId id, Architecture architecture, Origin origin, Optional<Architecture> parent) {
  public Candidate {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(parent, "parent");
  }
}
