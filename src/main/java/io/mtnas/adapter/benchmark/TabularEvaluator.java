package io.mtnas.adapter.benchmark;

import io.mtnas.domain.evaluation.EvaluationJob;
import io.mtnas.domain.evaluation.EvaluationOutcome;
import io.mtnas.domain.evaluation.EvaluationOutcome.FailureKind;
import io.mtnas.domain.evaluation.EvaluationTask;
import io.mtnas.domain.evaluation.Evaluator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scores architectures by looking them up in the benchmark tables: the task's fitness column,
 * its extra columns (test accuracy, zero-cost proxies, params, FLOPs) as metrics, and its cost
 * column as the evaluation's simulated cost in seconds. A lookup never blocks.
 */
public final class TabularEvaluator implements Evaluator {
  private final BenchmarkTables tables;

  public TabularEvaluator(BenchmarkTables tables) {
    this.tables = tables;
  }

  @Override
  public EvaluationOutcome evaluate(EvaluationJob job) {
    EvaluationTask task = job.task();
    try {
      BenchmarkTable table = tables.get(task.benchmark());
      double fitness = table.value(task.fitnessMetric(), job.architecture());
      if (Double.isNaN(fitness)) {
        return invalid(job, "benchmark " + table.id() + " has no value of " + task.fitnessMetric() + " for "
            + job.architecture());
      }
      Map<String, Double> metrics = new LinkedHashMap<>();
      for (String m : task.extraMetrics()) {
        double v = table.value(m, job.architecture());
        if (!Double.isNaN(v)) {
          metrics.put(m, v);
        }
      }
      double cost = task.costMetric().map(c -> table.value(c, job.architecture())).orElse(0.0);
      return new EvaluationOutcome.Scored(job.id(), job.architecture(), fitness, metrics, Double.isNaN(cost) ? 0 : cost);
    } catch (IllegalArgumentException e) {
      return invalid(job, e.getMessage());
    }
  }

  private static EvaluationOutcome invalid(EvaluationJob job, String reason) {
    return new EvaluationOutcome.Failed(job.id(), job.architecture(), FailureKind.INVALID, reason);
  }

  @Override
  public boolean nonBlocking() {
    return true;
  }
}
