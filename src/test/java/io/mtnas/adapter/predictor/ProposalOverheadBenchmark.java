package io.mtnas.adapter.predictor;

import io.mtnas.adapter.benchmark.BenchmarkTables;
import io.mtnas.domain.embedding.Embedder;
import io.mtnas.domain.embedding.Embedders;
import io.mtnas.domain.evaluation.Direction;
import io.mtnas.domain.predictor.FeatureMap;
import io.mtnas.domain.predictor.GaussianProcessRegressor;
import io.mtnas.domain.predictor.Observation;
import io.mtnas.domain.predictor.PredictorSettings;
import io.mtnas.domain.predictor.Regressor;
import io.mtnas.domain.predictor.TaskModel;
import io.mtnas.domain.predictor.TaskPredictors;
import io.mtnas.domain.search.StrategyPresets;
import io.mtnas.domain.search.TransferSpec;
import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.transfer.Label;
import io.mtnas.domain.transfer.Offer;
import io.mtnas.domain.transfer.TransferHistory;
import io.mtnas.domain.transfer.TransferRank;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What one guided proposal costs on NAS-Bench-201 (a benchmark, not a test) at archives of 100,
 * 1,000 and 10,000 evaluated architectures (spread over three tasks): training the target's
 * predictor on the whole archive, scoring a pool of 144 candidates (20 mutants, 100 samples, 24
 * incumbent neighbours), and a transfer-rank vote of archive/10 labelled instances over 30
 * candidates. Embeddings are warm (cached) after the first round, as in a running search. Median
 * of 7 rounds after 2 warm-up rounds. With the second argument {@code gp}, the Gaussian process
 * of {@code ktnas-gp} on the live one-hot encoding, scoring its pool of 1,044 (20 mutants, 1,000
 * samples, 24 neighbours). The regressor is one instance across rounds, as in a search; the GP
 * then reuses the factor of the identical training set it saw the round before. With a third
 * argument {@code cold} every round gets a fresh regressor, so the GP factors from scratch. Run:
 * {@code java -cp target/test-classes:target/classes:$(cat target/cp.txt)
 * io.mtnas.adapter.predictor.ProposalOverheadBenchmark ../shared/benchmarks [gp [cold]]}.
 */
public final class ProposalOverheadBenchmark {
  public static void main(String[] args) {
    var table = BenchmarkTables.open(Path.of(args.length > 0 ? args[0] : "../shared/benchmarks")).get("nb201");
    var space = table.space();
    List<String> tasks = List.of("cifar10-valid", "cifar100", "imagenet16-120");
    List<String> columns = List.of("cifar10valid_val_acc_200ep", "cifar100_val_acc_200ep_derived",
        "imagenet16_120_val_acc_200ep_derived");
    boolean gp = args.length > 1 && args[1].equals("gp");
    // ktnas-gp's pool: its mutants, samples and the incumbent's 24 neighbours; else ktnas's 20 + 100 + 24
    int poolSize = gp ? StrategyPresets.DEFAULT_CANDIDATES + StrategyPresets.WIDE_SAMPLES + 24 : 144;
    Embedder embedder = Embedders.of(gp ? "live-onehot" : "wl", space);
    FeatureMap features = new FeatureMap(embedder, table::value,
        List.of("cifar10_freerea_synflow", "cifar100_freerea_synflow", "imagenet16_120_freerea_synflow"), tasks);
    boolean cold = args.length > 2 && args[2].equals("cold");
    java.util.function.Supplier<Regressor> regressors = () -> gp
        ? new GaussianProcessRegressor(GaussianProcessRegressor.Settings.defaults())
        : new XgboostRegressor(XgboostRegressor.Settings.defaults());
    Regressor regressor = regressors.get();
    Map<String, Direction> directions = Map.of(tasks.get(0), Direction.MAX, tasks.get(1), Direction.MAX,
        tasks.get(2), Direction.MAX);
    System.out.println("| archive | train ms | score " + poolSize + " candidates ms | vote ms | total ms per proposal |");
    System.out.println("|---|---|---|---|---|");
    for (int archive : new int[] {100, 1_000, 10_000}) {
      SplittableRandom rng = new SplittableRandom(archive);
      List<Observation> data = new ArrayList<>();
      for (int i = 0; i < archive; i++) {
        int t = i % 3;
        Architecture a = space.fromIndex(rng.nextInt((int) space.size()));
        data.add(new Observation(i + 1, tasks.get(t), a, table.value(columns.get(t), a)));
      }
      List<Architecture> pool = new ArrayList<>();
      for (int i = 0; i < poolSize; i++) {
        pool.add(space.fromIndex(rng.nextInt((int) space.size())));
      }
      TransferHistory history = TransferHistory.empty();
      for (int i = 0; i < archive / 10; i++) {
        history = history.with(new Label(space.fromIndex(rng.nextInt((int) space.size())), "cifar100",
            "cifar10-valid", rng.nextBoolean(), i / 10));
      }
      List<Offer> offers = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        offers.add(new Offer(space.fromIndex(rng.nextInt((int) space.size())), "cifar100", 0));
      }
      TransferSpec rank = TransferSpec.none().withMode(TransferSpec.Mode.RANK);
      double[] train = new double[9];
      double[] score = new double[9];
      double[] vote = new double[9];
      for (int round = 0; round < 9; round++) {
        Regressor fitting = cold ? regressors.get() : regressor;
        long t0 = System.nanoTime();
        TaskModel model = TaskPredictors.train("cifar10-valid", data, directions, features, fitting,
            PredictorSettings.defaults()).orElseThrow();
        long t1 = System.nanoTime();
        model.score(pool, features);
        long t2 = System.nanoTime();
        TransferRank.decide("cifar10-valid", archive / 10, offers, history, rank, embedder, rng);
        long t3 = System.nanoTime();
        train[round] = (t1 - t0) / 1e6;
        score[round] = (t2 - t1) / 1e6;
        vote[round] = (t3 - t2) / 1e6;
      }
      double tr = median(train);
      double sc = median(score);
      double vo = median(vote);
      System.out.printf(Locale.ROOT, "| %d | %.1f | %.2f | %.2f | %.1f |%n", archive, tr, sc, vo, tr + sc + vo);
    }
  }

  private static double median(double[] values) {
    double[] warm = Arrays.copyOfRange(values, 2, values.length);
    Arrays.sort(warm);
    return warm[warm.length / 2];
  }
}
