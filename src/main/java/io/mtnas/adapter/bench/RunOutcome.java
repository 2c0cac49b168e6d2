package io.mtnas.adapter.bench;

import io.mtnas.adapter.benchmark.BenchmarkTables;
import io.mtnas.adapter.report.Curves;
import io.mtnas.domain.search.EvaluationRecord;
import io.mtnas.domain.search.SearchReport;
import io.mtnas.domain.search.TaskResult;
import io.mtnas.domain.search.TaskSpec;
import io.mtnas.domain.search.TransferStats;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What a benchmark keeps of one seeded search: per task, the figures the tables compare, and the
 * best-so-far curve (a step function of a few steps, not the evaluation records) for the plots.
 */
public record RunOutcome(
    String strategy,
    long seed,
    Map<String, TaskOutcome> tasks,
    double wallSeconds,
    List<TransferStats> transfers,
    Map<String, Curves.Curve> curves) {

  public RunOutcome {
    curves = Map.copyOf(curves);
  }

  /** An outcome without curves. */
  public RunOutcome(
      String strategy, long seed, Map<String, TaskOutcome> tasks, double wallSeconds, List<TransferStats> transfers) {
    this(strategy, seed, tasks, wallSeconds, transfers, Map.of());
  }

  /**
   * @param gap distance of the found fitness to the benchmark's optimum (0 = found it), in the
   *     fitness's own unit, always >= 0
   * @param rank rank of the found architecture among the whole space by fitness (1 = best)
   */
  public record TaskOutcome(
      int evaluations,
      OptionalInt evaluationsToThreshold,
      double bestFitness,
      double gap,
      int rank,
      Map<String, Double> testMetrics) {}

  public static RunOutcome of(String strategy, long seed, SearchReport report, BenchmarkTables tables) {
    return of(strategy, seed, report, List.of(), tables);
  }

  /** The outcome with each task's best-so-far curve taken from the run's evaluation records. */
  public static RunOutcome of(
      String strategy, long seed, SearchReport report, Collection<EvaluationRecord> records, BenchmarkTables tables) {
    Map<String, TaskOutcome> tasks = new LinkedHashMap<>();
    for (TaskResult t : report.tasks()) {
      TaskSpec spec = report.spec().task(t.task());
      var table = tables.get(spec.benchmark());
      double optimum = table.optimum(spec.fitness(), spec.direction()).value();
      int rank =
          t.best().map(a -> table.rank(spec.fitness(), spec.direction(), a)).orElse(table.size());
      Map<String, Double> test = new LinkedHashMap<>();
      for (String m : spec.testMetrics()) {
        Double v = t.bestMetrics().get(m);
        if (v != null) {
          test.put(m, v);
        }
      }
      tasks.put(
          t.task(),
          new TaskOutcome(
              t.evaluations(),
              t.evaluationsToThreshold(),
              t.bestFitness(),
              Math.abs(optimum - t.bestFitness()),
              rank,
              test));
    }
    Map<String, Curves.Curve> curves =
        records.isEmpty() ? Map.of() : Curves.bestSoFar(List.copyOf(tasks.keySet()), records);
    return new RunOutcome(strategy, seed, tasks, report.wallMillis() / 1000.0, report.transfers(), curves);
  }
}
