package io.mtnas.adapter.benchmark;

import io.mtnas.domain.evaluation.Direction;
import io.mtnas.domain.predictor.ComputedProxies;
import io.mtnas.domain.predictor.RankCorrelation;
import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.space.SearchSpace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Why a low average rank at 50 evaluations is hard on TransNAS-Bench-101 micro (a benchmark, not a
 * test), per task: the cell_params proxy's Spearman correlation over all cells and over the better
 * half; the one-edge landscape (local maxima, the rank and basin size of the steepest-ascent basin
 * that holds most cells); the expected best rank after climbing B basins drawn by their size
 * (what a perfect local search that restarts B times finds); and how far apart isomorphic,
 * separately trained copies of the 5 best cells rank. Run: {@code java -cp
 * target/test-classes:target/classes:$(cat target/cp.txt)
 * io.mtnas.adapter.benchmark.TransNasLandscapeBenchmark ../shared/benchmarks}.
 */
public final class TransNasLandscapeBenchmark {
  private static final List<String> TASKS = List.of(
      "class_object_val_top1_final", "class_scene_val_top1_final", "room_layout_val_neg_l2loss_final");
  private static final int[] RESTARTS = {1, 2, 3, 4, 6};

  public static void main(String[] args) {
    BenchmarkTable table = BenchmarkTables.open(Path.of(args.length > 0 ? args[0] : "../shared/benchmarks"))
        .get("transnas-micro");
    SearchSpace space = table.space();
    int size = (int) space.size();
    List<Architecture> cells = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      cells.add(space.fromIndex(i));
    }
    ComputedProxies proxies = new ComputedProxies();
    double[] params = cells.stream().mapToDouble(a -> proxies.value(ComputedProxies.CELL_PARAMS, a)).toArray();
    System.out.println("| task | Spearman(cell_params) all / better half | local maxima | largest basin: cells, rank of its top"
        + " | expected best rank climbing B = 1, 2, 3, 4, 6 basins | ranks of isomorphic copies of the 5 best |");
    System.out.println("|---|---|---|---|---|---|");
    for (String task : TASKS) {
      double[] fitness = cells.stream().mapToDouble(a -> table.value(task, a)).toArray();
      int[] rank = cells.stream().mapToInt(a -> table.rank(task, Direction.MAX, a)).toArray();
      int[] top = climbAll(space, cells, fitness);
      Map<Integer, Integer> basins = new HashMap<>();
      for (int t : top) {
        basins.merge(t, 1, Integer::sum);
      }
      int largest = basins.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
      SplittableRandom rng = new SplittableRandom(1);
      StringBuilder expected = new StringBuilder();
      for (int b : RESTARTS) {
        double sum = 0;
        int trials = 20_000;
        for (int k = 0; k < trials; k++) {
          int best = Integer.MAX_VALUE;
          for (int j = 0; j < b; j++) {
            best = Math.min(best, rank[top[rng.nextInt(size)]]);
          }
          sum += best;
        }
        expected.append(expected.length() == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.1f", sum / trials));
      }
      System.out.printf(Locale.ROOT, "| %s | %.2f / %.2f | %d | %d, %d | %s | %s |%n", task,
          RankCorrelation.spearman(params, fitness), betterHalf(params, fitness), basins.size(),
          basins.get(largest), rank[largest], expected, isomorphicRanks(space, cells, rank));
    }
  }

  /** For every cell, the local maximum that steepest ascent over one-edge changes ends in. */
  private static int[] climbAll(SearchSpace space, List<Architecture> cells, double[] fitness) {
    int[] top = new int[cells.size()];
    for (int i = 0; i < cells.size(); i++) {
      int at = i;
      while (true) {
        int next = at;
        for (Architecture n : space.neighbours(cells.get(at))) {
          if (fitness[(int) n.index()] > fitness[next]) {
            next = (int) n.index();
          }
        }
        if (next == at) {
          break;
        }
        at = next;
      }
      top[i] = at;
    }
    return top;
  }

  private static double betterHalf(double[] proxy, double[] fitness) {
    double median = java.util.Arrays.stream(fitness).sorted().toArray()[fitness.length / 2];
    List<double[]> kept = new ArrayList<>();
    for (int i = 0; i < fitness.length; i++) {
      if (fitness[i] >= median) {
        kept.add(new double[] {proxy[i], fitness[i]});
      }
    }
    return RankCorrelation.spearman(kept.stream().mapToDouble(p -> p[0]).toArray(),
        kept.stream().mapToDouble(p -> p[1]).toArray());
  }

  private static String isomorphicRanks(SearchSpace space, List<Architecture> cells, int[] rank) {
    Map<Architecture, List<Integer>> classes = new HashMap<>();
    for (Architecture a : cells) {
      classes.computeIfAbsent(space.canonical(a), k -> new ArrayList<>()).add(rank[(int) a.index()]);
    }
    List<Architecture> best = cells.stream().sorted((a, b) -> Integer.compare(rank[(int) a.index()], rank[(int) b.index()]))
        .limit(5).toList();
    List<String> out = new ArrayList<>();
    for (Architecture a : best) {
      List<Integer> r = classes.get(space.canonical(a)).stream().sorted().toList();
      out.add(r.size() == 1 ? String.valueOf(r.get(0)) : r.get(0) + ".." + r.get(r.size() - 1) + " (" + r.size() + ")");
    }
    return String.join(", ", out);
  }
}
