package io.mtnas.domain.tasksearch;

import io.mtnas.domain.evaluation.EvaluationJob;
import io.mtnas.domain.evaluation.EvaluationOutcome;
import io.mtnas.domain.evaluation.JobId;
import io.mtnas.domain.predictor.Observation;
import io.mtnas.domain.search.EvaluationRecord;
import io.mtnas.domain.search.TaskResult;
import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.transfer.Label;
import java.util.List;
import java.util.Optional;

/** What a {@link TaskSearch} step asks its host to do, in order. */
public sealed interface TaskEffect {

  /** Hand these jobs to the work manager; also the reply to the delivery being handled (maybe empty). */
  record Dispatch(List<EvaluationJob> jobs) implements TaskEffect {
    public Dispatch {
      jobs = List.copyOf(jobs);
    }
  }

  /** Tell the shared predictor and the arbiter about an outcome (a failure as a gap in their "as of" prefix). */
  record Observe(long sequence, Optional<Observation> observation) implements TaskEffect {}

  /** Ask the arbiter for this round's transfers, answered by {@link TaskInput.TransfersDecided}. */
  record AskTransfers(long asOf, int round) implements TaskEffect {}

  /** Ask the arbiter for {@code size} architectures of the other tasks' populations as of {@code asOf} (a join). */
  record AskWarmTransfers(long asOf, int size) implements TaskEffect {}

  /** Ask the predictor for the {@code size} best of the search's archive as of {@code asOf} for this task (a join). */
  record AskWarmScores(long asOf, int size) implements TaskEffect {}

  /** Ask the predictor to score the pool, answered by {@link TaskInput.ScoresReady}. */
  record AskScores(long asOf, List<Architecture> pool) implements TaskEffect {
    public AskScores {
      pool = List.copyOf(pool);
    }
  }

  /** One evaluation integrated, as the report and the journal keep it. */
  record Recorded(EvaluationRecord record) implements TaskEffect {}

  /** Progress event {@code evaluation}. */
  record Evaluated(
      EvaluationOutcome.Scored outcome, int evaluation, double best, String origin, String worker,
      long wallMicros, long elapsedMillis) implements TaskEffect {}

  /** Progress event {@code new_best}. */
  record NewBest(Architecture architecture, double fitness, int evaluation) implements TaskEffect {}

  /** Progress event {@code task_solved}. */
  record Solved(Architecture architecture, double fitness, double threshold, int evaluation) implements TaskEffect {}

  /** An architecture transferred from {@code source} was evaluated on this task. */
  record Transferred(String source) implements TaskEffect {}

  /** A transferred architecture's label was decided: for the arbiter, the events and the report. */
  record LabelDecided(Label label) implements TaskEffect {}

  /** An outcome for a job that is not outstanding (late or duplicate) was ignored. */
  record Ignored(JobId job) implements TaskEffect {}

  /** The task wants nothing more and has nothing outstanding. */
  record Finished(TaskResult result) implements TaskEffect {}

  /**
   * A budget change was taken: the task is now finished with {@code result}, or (empty) open again
   * or still running. Whoever waits for every task's end must not end the search in between.
   */
  record BudgetApplied(Optional<TaskResult> result) implements TaskEffect {}
}
