package io.mtnas.domain.population;

import java.util.Objects;

/** A candidate to evaluate and the state that has it outstanding. */
public record Proposal(Candidate candidate, PopulationState next) {
  public Proposal {
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(next, "next");
  }

  /** The event that turned the previous state into {@link #next}, for an event log. */
  public PopulationEvent.Proposed event() {
    return new PopulationEvent.Proposed(candidate);
  }
}
