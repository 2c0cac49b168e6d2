package io.mtnas.actor;

import io.mtnas.domain.evaluation.EvaluationJob;
import io.mtnas.domain.evaluation.EvaluationOutcome;
import io.mtnas.domain.evaluation.Evaluator;
import io.mtnas.domain.space.Architecture;
import java.util.Map;
import java.util.function.Function;

/**
 * A fake evaluator port for actor tests: a fixed, correlated landscape (a weighted sum of the
 * operation indices plus a small index-dependent term, so there is exactly one optimum), the task
 * name shifting the weights so tasks differ but correlate. A hook may replace the outcome.
 */
final class SyntheticEvaluator implements Evaluator {
  private final boolean nonBlocking;
  private final Function<EvaluationJob, EvaluationOutcome> override;

  SyntheticEvaluator(boolean nonBlocking) {
    this(nonBlocking, job -> null);
  }

  /** {@code override} returns an outcome to use instead, or null for the normal score. */
  SyntheticEvaluator(boolean nonBlocking, Function<EvaluationJob, EvaluationOutcome> override) {
    this.nonBlocking = nonBlocking;
    this.override = override;
  }

  static double fitness(String task, Architecture a) {
    double f = 0;
    int shift = Math.floorMod(task.hashCode(), 3);
    for (int e = 0; e < a.edgeCount(); e++) {
      f += (e + 1 + (e == shift ? 2 : 0)) * a.operation(e);
    }
    return f + (a.index() % 97) / 1000.0;
  }

  /** The best fitness of the landscape for a task, by enumeration. */
  static double optimum(String task, io.mtnas.domain.space.SearchSpace space) {
    double best = Double.NEGATIVE_INFINITY;
    for (long i = 0; i < space.size(); i++) {
      best = Math.max(best, fitness(task, space.fromIndex(i)));
    }
    return best;
  }

  @Override
  public EvaluationOutcome evaluate(EvaluationJob job) {
    EvaluationOutcome replaced = override.apply(job);
    if (replaced != null) {
      return replaced;
    }
    double f = fitness(job.task().name(), job.architecture());
    return new EvaluationOutcome.Scored(
        job.id(), job.architecture(), f, Map.of("test_metric", f / 2), 100.0);
  }

  @Override
  public boolean nonBlocking() {
    return nonBlocking;
  }
}
