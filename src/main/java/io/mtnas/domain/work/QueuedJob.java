package io.mtnas.domain.work;

import io.mtnas.domain.evaluation.EvaluationJob;
import java.util.Objects;

/** A pending job and who submitted it (its outcome goes back there). */
public record QueuedJob(String submitter, EvaluationJob job) {
  public QueuedJob {
    Objects.requireNonNull(submitter, "submitter");
    Objects.requireNonNull(job, "job");
  }
}
