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
    return start(spec.name(), spec.budget());
  }

  public static TaskProgress start(String task, int budget) {
    return new TaskProgress(task, 0, 0, budget, Optional.empty(), Double.NaN, false);
  }

  /** The same progress under another budget. */
  public TaskProgress withBudget(int newBudget) {
    return new TaskProgress(task, evaluations, failures, newBudget, best, bestFitness, solved);
  }

  /** After one more evaluation of this task. */
  public TaskProgress plus(EvaluationRecord r, TaskSpec spec) {
    boolean better = best.isEmpty() || spec.direction().isBetter(r.fitness(), bestFitness);
    Optional<Architecture> newBest = better ? Optional.of(r.architecture()) : best;
    double newFitness = better ? r.fitness() : bestFitness;
    return new TaskProgress(task, Math.max(evaluations, r.evaluation()), failures, budget, newBest, newFitness,
        solved || spec.solvedBy(newFitness));
  }

  /** The engine's final word on the task, under the budget it ended with. */
  public static TaskProgress of(TaskResult r, int budget) {
    return new TaskProgress(r.task(), r.evaluations(), r.failures(), budget, r.best(), r.bestFitness(),
        r.solved());
  }
}
