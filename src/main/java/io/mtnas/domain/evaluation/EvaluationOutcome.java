package io.mtnas.domain.evaluation;

import io.mtnas.domain.space.Architecture;
import java.util.Map;
import java.util.Objects;

/** The result of evaluating one job: a score, or a failure with its reason. */
public sealed interface EvaluationOutcome {
  JobId jobId();

  Architecture architecture();

  /**
   * A successful evaluation. {@code metrics} holds the task's extra metrics by name (test
   * accuracy, proxies, parameters...); {@code costSeconds} is what the evaluation cost or, for a
   * tabular benchmark, what it would have cost (the benchmark's recorded training time), never
   * the wall time of a table lookup.
   */
  record Scored(
      JobId jobId, Architecture architecture, double fitness, Map<String, Double> metrics, double costSeconds)
      implements EvaluationOutcome {
    public Scored {
      Objects.requireNonNull(jobId, "jobId");
      Objects.requireNonNull(architecture, "architecture");
      metrics = Map.copyOf(metrics);
      if (Double.isNaN(fitness)) {
        throw new IllegalArgumentException("fitness of " + jobId + " is NaN");
      }
    }
  }

  /** A failed evaluation; {@code retryable} failures may be attempted again per policy. */
  record Failed(JobId jobId, Architecture architecture, FailureKind kind, String reason)
      implements EvaluationOutcome {
    public Failed {
      Objects.requireNonNull(jobId, "jobId");
      Objects.requireNonNull(architecture, "architecture");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(reason, "reason");
    }

    public boolean retryable() {
      return kind.retryable();
    }
  }

  /** Why an evaluation failed. */
  enum FailureKind {
    /** The evaluator threw or its process crashed. */
    CRASHED(true),
    /** No result before the deadline. */
    TIMED_OUT(true),
    /** The device ran out of memory. */
    OUT_OF_MEMORY(true),
    /** Training diverged (NaN or infinite loss). */
    DIVERGED(false),
    /** The request cannot succeed however often it is tried (unknown column, bad data). */
    INVALID(false),
    /** The worker that held the job left. */
    WORKER_LOST(true);

    private final boolean retryable;

    FailureKind(boolean retryable) {
      this.retryable = retryable;
    }

    public boolean retryable() {
      return retryable;
    }
  }
}
