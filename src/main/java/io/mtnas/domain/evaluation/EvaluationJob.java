package io.mtnas.domain.evaluation;

import io.mtnas.domain.space.Architecture;
import java.util.Objects;

/** One architecture to evaluate for one task; {@code attempt} counts retries from 1. */
public record EvaluationJob(JobId id, EvaluationTask task, Architecture architecture, int attempt) {
  public EvaluationJob {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(architecture, "architecture");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be >= 1, got " + attempt);
    }
  }

  public EvaluationJob nextAttempt() {
    return new EvaluationJob(id, task, architecture, attempt + 1);
  }
}
