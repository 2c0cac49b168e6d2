package io.mtnas.adapter.cli;

import io.mtnas.adapter.benchmark.BenchmarkTables;
import io.mtnas.domain.search.SearchReport;
import io.mtnas.domain.search.TaskResult;
import io.mtnas.domain.search.TaskSpec;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The human-readable per-task result printed when a search ends. */
final class Summary {
  private Summary() {}

  static void print(PrintStream out, SearchReport report, BenchmarkTables tables, Path outDir) {
    var spec = report.spec();
    long solved = report.tasks().stream().filter(TaskResult::solved).count();
    out.printf(Locale.ROOT, "%nsearch %s (%s, seed %d, %d worker%s): %d/%d tasks solved, %d evaluations, %.1f s%n",
        spec.name(), describe(spec.strategy()), spec.seed(), spec.workers(),
        spec.workers() == 1 ? "" : "s", solved, report.tasks().size(),
        report.totalEvaluations(), report.wallMillis() / 1000.0);
    out.printf(Locale.ROOT, "%-16s %7s %8s %10s %6s  %-28s %s%n",
        "task", "evals", "to-thr", "best", "rank", "test", "architecture");
    for (TaskResult t : report.tasks()) {
      TaskSpec task = spec.task(t.task());
      String rank =
          t.best().filter(a -> tables.has(task.benchmark()))
              .map(a -> String.valueOf(tables.get(task.benchmark()).rank(task.fitness(), task.direction(), a)))
              .orElse("-");
      out.printf(Locale.ROOT, "%-16s %7d %8s %10s %6s  %-28s %s%n",
          t.task(),
          t.evaluations(),
          t.evaluationsToThreshold().isPresent() ? String.valueOf(t.evaluationsToThreshold().getAsInt()) : "-",
          Double.isNaN(t.bestFitness()) ? "-" : String.format(Locale.ROOT, "%.4f", t.bestFitness()),
          rank,
          testMetrics(t, task),
          t.best().map(Object::toString).orElse("-"));
    }
    out.printf(Locale.ROOT, "%-16s %7d %8s%n", "total", report.totalEvaluations(),
        report.totalEvaluationsToThreshold().isPresent()
            ? String.valueOf(report.totalEvaluationsToThreshold().getAsInt()) : "-");
    for (var t : report.transfers()) {
      out.printf(Locale.ROOT, "transfers %s -> %s: %d evaluated, %d helped, %d hurt, %d undecided%n",
          t.source(), t.target(), t.transferred(), t.positive(), t.negative(), t.undecided());
    }
    out.println("report: " + outDir.resolve("report.json"));
  }

  /** The strategy in a few words: kind, guidance and transfer. */
  static String describe(io.mtnas.domain.search.StrategySpec s) {
    StringBuilder sb = new StringBuilder(s.kind().id());
    var g = s.guidance();
    if (g.guided()) {
      sb.append(g.predictor() ? " + predictor" : "").append(g.zeroCost() ? " + zero-cost" : "");
    }
    if (s.transfer().enabled()) {
      sb.append(" + ").append(s.transfer().mode().id()).append(" transfer");
    }
    if ((g.guided() && g.predictor()) || s.transfer().mode() == io.mtnas.domain.search.TransferSpec.Mode.RANK) {
      sb.append(", ").append(s.embedding()).append(" embedding");
    }
    return sb.toString();
  }

  private static String testMetrics(TaskResult t, TaskSpec task) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Double> e : new TreeMap<>(t.bestMetrics()).entrySet()) {
      if (task.testMetrics().contains(e.getKey())) {
        if (sb.length() > 0) {
          sb.append(' ');
        }
        sb.append(e.getKey()).append('=').append(String.format(Locale.ROOT, "%.2f", e.getValue()));
      }
    }
    return sb.length() == 0 ? "-" : sb.toString();
  }
}
