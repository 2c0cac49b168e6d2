package io.mtnas.adapter.bench;

import io.mtnas.domain.search.SearchSpec;
import io.mtnas.domain.search.TaskSpec;
import io.mtnas.domain.search.TransferStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * Renders benchmark outcomes as markdown tables: evaluations to threshold per task and in total
 * (for tasks with a threshold), and the final picks' fitness, gap to the optimum, rank among all
 * architectures and test metrics.
 */
public final class BenchTable {
  private BenchTable() {}

  public static String markdown(SearchSpec spec, List<String> strategies, List<Long> seeds, List<RunOutcome> runs) {
    StringBuilder out = new StringBuilder();
    List<TaskSpec> thresholdTasks = spec.tasks().stream().filter(t -> t.threshold().isPresent()).toList();
    out.append(String.format(Locale.ROOT, "### %s: %d seeds (%s), %d worker%s per search%n%n",
        spec.name(), seeds.size(), describe(seeds), spec.workers(), spec.workers() == 1 ? "" : "s"));
    if (!thresholdTasks.isEmpty()) {
      out.append("Evaluations until the task's best reaches its threshold "
          + "(mean ± std, median in brackets; initial population included).\n\n");
      out.append("| strategy |");
      thresholdTasks.forEach(t -> out.append(' ').append(t.name()).append(" |"));
      out.append(" total | solved |\n|---|");
      thresholdTasks.forEach(t -> out.append("---|"));
      out.append("---|---|\n");
      for (String strategy : strategies) {
        List<RunOutcome> mine = of(runs, strategy);
        out.append("| ").append(strategy).append(" |");
        int solved = 0;
        int attempts = 0;
        for (TaskSpec t : thresholdTasks) {
          List<Integer> values = new ArrayList<>();
          for (RunOutcome r : mine) {
            OptionalInt n = r.tasks().get(t.name()).evaluationsToThreshold();
            attempts++;
            if (n.isPresent()) {
              values.add(n.getAsInt());
              solved++;
            }
          }
          out.append(' ').append(cell(Stats.of(values), 1)).append(" |");
        }
        List<Integer> totals = new ArrayList<>();
        for (RunOutcome r : mine) {
          int total = 0;
          boolean all = true;
          for (TaskSpec t : thresholdTasks) {
            OptionalInt n = r.tasks().get(t.name()).evaluationsToThreshold();
            all &= n.isPresent();
            total += n.orElse(0);
          }
          if (all) {
            totals.add(total);
          }
        }
        out.append(' ').append(cell(Stats.of(totals), 1)).append(" | ")
            .append(solved).append('/').append(attempts).append(" |\n");
      }
      out.append('\n');
    }
    out.append("Final picks (mean ± std over seeds): fitness, gap to the benchmark optimum, "
        + "rank among all architectures (1 = best; median in brackets), test metrics.\n\n");
    out.append("| strategy | task | evaluations | best fitness | gap to optimum | rank | test |\n");
    out.append("|---|---|---|---|---|---|---|\n");
    for (String strategy : strategies) {
      List<RunOutcome> mine = of(runs, strategy);
      List<Double> meanRanks = new ArrayList<>();
      for (TaskSpec t : spec.tasks()) {
        List<RunOutcome.TaskOutcome> outcomes = mine.stream().map(r -> r.tasks().get(t.name())).toList();
        Stats rank = Stats.of(outcomes.stream().map(RunOutcome.TaskOutcome::rank).toList());
        meanRanks.add(rank.mean());
        out.append("| ").append(strategy).append(" | ").append(t.name()).append(" | ")
            .append(fixed(Stats.of(outcomes.stream().map(RunOutcome.TaskOutcome::evaluations).toList()).mean(), 1))
            .append(" | ").append(pm(Stats.of(outcomes.stream().map(RunOutcome.TaskOutcome::bestFitness).toList()), 4))
            .append(" | ").append(pm(Stats.of(outcomes.stream().map(RunOutcome.TaskOutcome::gap).toList()), 4))
            .append(" | ").append(cell(rank, 1))
            .append(" | ").append(testCell(t, outcomes)).append(" |\n");
      }
      if (spec.tasks().size() > 1) {
        out.append("| ").append(strategy).append(" | *average rank* | | | | ")
            .append(fixed(meanRanks.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN), 1))
            .append(" | |\n");
      }
    }
    transfers(out, strategies, runs);
    return out.toString();
  }

  /** Per strategy and task pair: transfers evaluated and how their labels came out, over all seeds. */
  private static void transfers(StringBuilder out, List<String> strategies, List<RunOutcome> runs) {
    Map<String, int[]> sums = new java.util.LinkedHashMap<>();
    for (String strategy : strategies) {
      for (RunOutcome r : of(runs, strategy)) {
        for (TransferStats t : r.transfers()) {
          int[] s = sums.computeIfAbsent(strategy + "|" + t.source() + " → " + t.target(), k -> new int[3]);
          s[0] += t.transferred();
          s[1] += t.positive();
          s[2] += t.negative();
        }
      }
    }
    if (sums.isEmpty()) {
      return;
    }
    out.append("\nTransfers, summed over seeds: evaluated on the target, labelled positive (a child reached the "
        + "target's top r) or negative (aged out without one); helped = positive / labelled.\n\n");
    out.append("| strategy | source → target | transferred | positive | negative | helped |\n");
    out.append("|---|---|---|---|---|---|\n");
    for (Map.Entry<String, int[]> e : sums.entrySet()) {
      String[] key = e.getKey().split("\\|", 2);
      int[] s = e.getValue();
      int labelled = s[1] + s[2];
      out.append("| ").append(key[0]).append(" | ").append(key[1]).append(" | ").append(s[0]).append(" | ")
          .append(s[1]).append(" | ").append(s[2]).append(" | ")
          .append(labelled == 0 ? "-" : fixed(100.0 * s[1] / labelled, 0) + "%").append(" |\n");
    }
  }

  private static List<RunOutcome> of(List<RunOutcome> runs, String strategy) {
    return runs.stream().filter(r -> r.strategy().equals(strategy)).toList();
  }

  private static String testCell(TaskSpec t, List<RunOutcome.TaskOutcome> outcomes) {
    return t.testMetrics().stream()
        .map(m -> m + " " + pm(Stats.of(outcomes.stream()
            .map(o -> o.testMetrics().get(m)).filter(v -> v != null).toList()), 2))
        .collect(Collectors.joining(", "));
  }

  private static String cell(Stats s, int digits) {
    if (s.n() == 0) {
      return "-";
    }
    return pm(s, digits) + " [" + fixed(s.median(), digits) + "]";
  }

  private static String pm(Stats s, int digits) {
    return s.n() == 0 ? "-" : fixed(s.mean(), digits) + " ± " + fixed(s.std(), digits);
  }

  private static String fixed(double v, int digits) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + digits + "f", v);
  }

  private static String describe(List<Long> seeds) {
    if (seeds.size() > 2 && seeds.get(seeds.size() - 1) - seeds.get(0) == seeds.size() - 1) {
      return seeds.get(0) + ".." + seeds.get(seeds.size() - 1);
    }
    return seeds.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  /** One CSV row per (strategy, seed, task): the raw figures behind the tables. */
  public static String csv(List<RunOutcome> runs) {
    StringBuilder out = new StringBuilder(
        "strategy,seed,task,evaluations,evaluations_to_threshold,best_fitness,gap,rank,test_metrics\n");
    for (RunOutcome r : runs) {
      for (Map.Entry<String, RunOutcome.TaskOutcome> e : r.tasks().entrySet()) {
        var t = e.getValue();
        out.append(r.strategy()).append(',').append(r.seed()).append(',').append(e.getKey()).append(',')
            .append(t.evaluations()).append(',')
            .append(t.evaluationsToThreshold().isPresent() ? String.valueOf(t.evaluationsToThreshold().getAsInt()) : "")
            .append(',').append(t.bestFitness()).append(',').append(t.gap()).append(',').append(t.rank()).append(',')
            .append(t.testMetrics().entrySet().stream().map(m -> m.getKey() + "=" + m.getValue())
                .collect(Collectors.joining(";")))
            .append('\n');
      }
    }
    return out.toString();
  }
}
