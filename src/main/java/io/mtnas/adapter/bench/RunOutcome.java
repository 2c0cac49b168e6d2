package io.mtnas.adapter.bench;

import io.mtnas.adapter.benchmark.BenchmarkTables;
import io.mtnas.domain.search.SearchReport;
import io.mtnas.domain.search.TaskResult;
import io.mtnas.domain.search.TaskSpec;
import io.mtnas.domain.search.TransferStats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** What a benchmark keeps of one seeded search: per task, the figures the tables compare. */
public record RunOutcome(
    String strategy, long seed, Map<String, TaskOutcome> tasks, double wallSeconds, List<TransferStats> transfers) {

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
    return new RunOutcome(strategy, seed, tasks, report.wallMillis() / 1000.0, report.transfers());
  }
}
