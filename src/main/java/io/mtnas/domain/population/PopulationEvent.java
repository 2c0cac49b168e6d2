package io.mtnas.domain.population;

import io.mtnas.domain.evaluation.EvaluationOutcome;
import java.util.Objects;

/**
 * The only ways a {@link PopulationState} changes. Replaying a task's events on its initial state
 * rebuilds the state exactly, so persistence needs nothing but this log.
 */
public sealed interface PopulationEvent {

  /** A candidate was handed out for evaluation under the task's next job id. */
  record Proposed(Candidate candidate) implements PopulationEvent {
    public Proposed {
      Objects.requireNonNull(candidate, "candidate");
    }
  }

  /** An outstanding candidate was evaluated. */
  record Scored(EvaluationOutcome.Scored outcome) implements PopulationEvent {
    public Scored {
      Objects.requireNonNull(outcome, "outcome");
    }
  }

  /** An outstanding candidate failed for good (the work manager gave up retrying it). */
  record Abandoned(EvaluationOutcome.Failed failure) implements PopulationEvent {
    public Abandoned {
      Objects.requireNonNull(failure, "failure");
    }
  }
}
