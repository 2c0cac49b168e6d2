package io.mtnas.domain.service;

import io.mtnas.domain.search.EvaluationRecord;
import io.mtnas.domain.search.TaskResult;
import io.mtnas.domain.search.TaskSpec;
import io.mtnas.domain.space.Architecture;
import java.util.Objects;
import java.util.Optional;

/**
 * One task of a submitted search as far as it got: built up from its evaluation records while it
 * runs, replaced by the engine's {@link TaskResult} when it finishes.
 *
 * @param bestFitness NaN while nothing was evaluated
 */
public record TaskProgress(
    String task, int evaluations, int failures, int budget, Optional<Architecture> best, double bestFitness,
    boolean solved) {
  public TaskProgress {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(best, "best");
  }

  public static TaskProgress start(TaskSpec spec) {
    return new TaskProgress(spec.name(), 0, 0, spec.budget(), Optional.empty(), Double.NaN, false);
  }

  /** After one more evaluation of this task. */
  public TaskProgress plus(EvaluationRecord r, TaskSpec spec) {
    boolean better = best.isEmpty() || spec.direction().isBetter(r.fitness(), bestFitness);
    Optional<Architecture> newBest = better ? Optional.of(r.architecture()) : best;
    double newFitness = better ? r.fitness() : bestFitness;
    return new TaskProgress(task, Math.max(evaluations, r.evaluation()), failures, budget, newBest, newFitness,
        solved || spec.solvedBy(newFitness));
  }

  /** The engine's final word on the task. */
  public static TaskProgress of(TaskResult r, TaskSpec spec) {
    return new TaskProgress(r.task(), r.evaluations(), r.failures(), spec.budget(), r.best(), r.bestFitness(),
        r.solved());
  }
}
