package io.mtnas.domain.work;

import io.mtnas.domain.evaluation.Direction;
import io.mtnas.domain.evaluation.EvaluationJob;
import io.mtnas.domain.evaluation.EvaluationOutcome;
import io.mtnas.domain.evaluation.EvaluationOutcome.FailureKind;
import io.mtnas.domain.evaluation.EvaluationTask;
import io.mtnas.domain.evaluation.JobId;
import io.mtnas.domain.space.SearchSpaces;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Synthetic jobs and outcomes for ledger tests. */
final class Jobs {
  private Jobs() {}

  static EvaluationJob job(String task, long sequence) {
    EvaluationTask evaluationTask =
        new EvaluationTask(task, "synthetic", "fitness", Direction.MAX, List.of(), Optional.empty());
    return new EvaluationJob(
        new JobId(task, sequence), evaluationTask, SearchSpaces.nb201().fromIndex(sequence), 1);
  }

  static EvaluationOutcome.Scored scored(EvaluationJob job) {
    return new EvaluationOutcome.Scored(job.id(), job.architecture(), 0.5, Map.of(), 1.0);
  }

  static EvaluationOutcome.Failed failed(EvaluationJob job, FailureKind kind) {
    return new EvaluationOutcome.Failed(job.id(), job.architecture(), kind, "synthetic " + kind);
  }
}
