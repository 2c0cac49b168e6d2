package io.mtnas.domain.search;

import io.mtnas.domain.space.Architecture;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How one task of a search ended.
 *
 * @param best the best architecture found (empty when nothing was evaluated)
 * @param bestFitness its fitness (NaN when nothing was evaluated)
 * @param bestMetrics its extra metrics (test accuracy, proxies...), as the evaluator reported them
 * @param bestFoundAt the task's evaluation number (1-based) at which the best was found, 0 if none
 * @param evaluations scored evaluations this task used
 * @param failures evaluations that failed and were given up
 * @param evaluationsToThreshold the evaluation number at which the best first reached the
 *     threshold, empty if it never did (or the task has no threshold)
 * @param costSeconds summed cost of the task's evaluations (simulated for tabular benchmarks)
 */
public record TaskResult(
    String task,
    Optional<Architecture> best,
    double bestFitness,
    Map<String, Double> bestMetrics,
    int bestFoundAt,
    int evaluations,
    int failures,
    OptionalInt evaluationsToThreshold,
    double costSeconds) {
  public TaskResult {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(best, "best");
    Objects.requireNonNull(evaluationsToThreshold, "evaluationsToThreshold");
    bestMetrics = Map.copyOf(bestMetrics);
  }

  public boolean solved() {
    return evaluationsToThreshold.isPresent();
  }
}
