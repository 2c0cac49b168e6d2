package io.mtnas.adapter.predictor;

import io.mtnas.adapter.benchmark.BenchmarkTables;
import io.mtnas.domain.embedding.Embedders;
import io.mtnas.domain.evaluation.Direction;
import io.mtnas.domain.predictor.ComputedProxies;
import io.mtnas.domain.predictor.FeatureMap;
import io.mtnas.domain.predictor.GaussianProcessRegressor;
import io.mtnas.domain.predictor.Observation;
import io.mtnas.domain.predictor.PredictorSettings;
import io.mtnas.domain.predictor.ProxySource;
import io.mtnas.domain.predictor.RankCorrelation;
import io.mtnas.domain.predictor.Regressor;
import io.mtnas.domain.predictor.TaskPredictors;
import io.mtnas.domain.space.Architecture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Predictor quality (a benchmark, not a test): Kendall tau between predicted and true fitness on
 * 1,000 held-out random architectures, for each task at 25, 50 and 100 random training results of
 * that task, with and without 100 results of each other task, per embedding and with or without
 * zero-cost inputs; 5 seeded repetitions each. NAS-Bench-201 (200-epoch validation accuracy) by
 * default, or the TransNAS-Bench-101 micro classification and room-layout tasks (no zero-cost
 * columns there: the cell_params proxy computed from the cell instead). With the third argument
 * {@code gp}: the Gaussian process's posterior mean on the live one-hot encoding (it reads no
 * proxy inputs). Run: {@code java -cp target/test-classes:target/classes:$(cat target/cp.txt)
 * io.mtnas.adapter.predictor.PredictorQualityBenchmark ../shared/benchmarks [nb201|transnas-micro] [gp]}.
 */
public final class PredictorQualityBenchmark {
  public static void main(String[] args) {
    String benchmark = args.length > 1 ? args[1] : "nb201";
    Map<String, String> fitness = new LinkedHashMap<>();
    List<String> proxies;
    if (benchmark.equals("nb201")) {
      fitness.put("cifar10-valid", "cifar10valid_val_acc_200ep");
      fitness.put("cifar100", "cifar100_val_acc_200ep_derived");
      fitness.put("imagenet16-120", "imagenet16_120_val_acc_200ep_derived");
      proxies = List.of("cifar10_freerea_synflow", "cifar100_freerea_synflow", "imagenet16_120_freerea_synflow",
          "cifar10_params_M", "cifar10_flops_M");
    } else {
      fitness.put("class_object", "class_object_val_top1_final");
      fitness.put("class_scene", "class_scene_val_top1_final");
      fitness.put("room_layout", "room_layout_val_neg_l2loss_final");
      proxies = List.of(ComputedProxies.CELL_PARAMS); // no zero-cost columns: the proxy computed from the cell
    }
    var table = BenchmarkTables.open(Path.of(args.length > 0 ? args[0] : "../shared/benchmarks")).get(benchmark);
    var space = table.space();
    List<String> tasks = new ArrayList<>(fitness.keySet());
    Map<String, Direction> directions = new HashMap<>();
    tasks.forEach(t -> directions.put(t, Direction.MAX));
    boolean gp = args.length > 2 && args[2].equals("gp");
    Regressor regressor = gp
        ? new GaussianProcessRegressor(
            GaussianProcessRegressor.Settings.defaults().withScoring(GaussianProcessRegressor.Scoring.MEAN))
        : new XgboostRegressor(XgboostRegressor.Settings.defaults());
    System.out.println("| embedding | zero-cost | task | n=25 own | n=25 +others | n=50 own | n=50 +others "
        + "| n=100 own | n=100 +others |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    for (String embedding : gp ? List.of("live-onehot") : List.of("wl", "onehot")) {
      for (boolean zeroCost : gp ? new boolean[] {false} : new boolean[] {true, false}) {
        FeatureMap features = new FeatureMap(Embedders.of(embedding, space),
            zeroCost ? new ComputedProxies().before(table::value) : ProxySource.NONE,
            zeroCost ? proxies : List.of(), tasks);
        for (String target : tasks) {
          StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %s | %s |", embedding,
              zeroCost ? "on" : "off", target));
          for (int n : new int[] {25, 50, 100}) {
            for (boolean others : new boolean[] {false, true}) {
              double tau = 0;
              int reps = 5;
              for (int rep = 0; rep < reps; rep++) {
                SplittableRandom rng = new SplittableRandom(1000L * n + rep);
                List<Observation> data = new ArrayList<>();
                long sequence = 1;
                for (int i = 0; i < n; i++) {
                  Architecture a = space.fromIndex(rng.nextInt((int) space.size()));
                  data.add(new Observation(sequence++, target, a, table.value(fitness.get(target), a)));
                }
                if (others) {
                  for (String o : tasks) {
                    if (!o.equals(target)) {
                      for (int i = 0; i < 100; i++) {
                        Architecture a = space.fromIndex(rng.nextInt((int) space.size()));
                        data.add(new Observation(sequence++, o, a, table.value(fitness.get(o), a)));
                      }
                    }
                  }
                }
                var model = TaskPredictors.train(target, data, directions, features, regressor,
                    new PredictorSettings(others, 0.5, 0)).orElseThrow();
                List<Architecture> test = new ArrayList<>();
                for (int i = 0; i < 1000; i++) {
                  test.add(space.fromIndex(rng.nextInt((int) space.size())));
                }
                double[] predicted = model.score(test, features);
                double[] truth = test.stream().mapToDouble(a -> table.value(fitness.get(target), a)).toArray();
                tau += RankCorrelation.kendallTau(predicted, truth);
              }
              row.append(String.format(Locale.ROOT, " %.3f |", tau / reps));
            }
          }
          System.out.println(row);
        }
      }
    }
  }
}
