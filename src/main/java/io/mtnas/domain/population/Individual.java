package io.mtnas.domain.population;

import io.mtnas.domain.evaluation.EvaluationOutcome;
import io.mtnas.domain.space.Architecture;
import java.util.Objects;

/**
 * An evaluated candidate.
 *
 * @param evaluation the task's evaluation number (1-based, integration order); age in REA
 */
public record Individual(Candidate candidate, EvaluationOutcome.Scored result, int evaluation) {
  public Individual {
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(result, "result");
    if (!candidate.id().equals(result.jobId())) {
      throw new IllegalArgumentException(
          "result of " + result.jobId() + " given to candidate " + candidate.id());
    }
    if (evaluation < 1) {
      throw new IllegalArgumentException("evaluation must be >= 1, got " + evaluation);
    }
  }

  public Architecture architecture() {
    return candidate.architecture();
  }

  public double fitness() {
    return result.fitness();
  }
}
