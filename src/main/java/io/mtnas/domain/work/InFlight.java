package io.mtnas.domain.work;

import io.mtnas.domain.evaluation.EvaluationJob;
import java.util.Objects;

/** A job a worker is evaluating, with the time by which it must answer. */
public record InFlight(String submitter, EvaluationJob job, String worker, long deadlineMillis) {
  public InFlight {
    Objects.requireNonNull(submitter, "submitter");
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(worker, "worker");
  }

  public boolean expiredAt(long nowMillis) {
    return deadlineMillis <= nowMillis;
  }
}
