package io.mtnas.adapter.predictor;

import io.mtnas.adapter.benchmark.BenchmarkTables;
import io.mtnas.domain.embedding.Embedder;
import io.mtnas.domain.embedding.Embedders;
import io.mtnas.domain.predictor.RankCorrelation;
import io.mtnas.domain.space.Architecture;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Embedding quality on NAS-Bench-201 (a benchmark, not a test), per embedder: build time, the
 * Spearman correlation between cosine distance and absolute fitness difference over 20,000 random
 * pairs, and the mean fitness difference to the nearest (by cosine) of 500 random architectures
 * against that to a random one, for 300 random queries. Run: {@code java -cp
 * target/test-classes:target/classes:$(cat target/cp.txt)
 * io.mtnas.adapter.predictor.EmbeddingQualityBenchmark ../shared/benchmarks [column]}.
 */
public final class EmbeddingQualityBenchmark {
  public static void main(String[] args) {
    var table = BenchmarkTables.open(Path.of(args.length > 0 ? args[0] : "../shared/benchmarks")).get("nb201");
    String column = args.length > 1 ? args[1] : "cifar10valid_val_acc_200ep";
    var space = table.space();
    int size = (int) space.size();
    System.out.println("fitness: " + column);
    System.out.println("| embedding | dimension | build ms | Spearman(distance, |Δfitness|) | 1-NN |Δfitness| | random |Δfitness| |");
    System.out.println("|---|---|---|---|---|---|");
    for (String id : List.of("wl", "path", "node2vec", "onehot")) {
      long start = System.nanoTime();
      Embedder e = Embedders.of(id, space);
      double buildMs = (System.nanoTime() - start) / 1e6;
      SplittableRandom rng = new SplittableRandom(1);
      int pairs = 20_000;
      double[] distance = new double[pairs];
      double[] difference = new double[pairs];
      for (int i = 0; i < pairs; i++) {
        Architecture a = space.fromIndex(rng.nextInt(size));
        Architecture b = space.fromIndex(rng.nextInt(size));
        distance[i] = 1 - e.embed(a).cosine(e.embed(b));
        difference[i] = Math.abs(table.value(column, a) - table.value(column, b));
      }
      double nearest = 0;
      double random = 0;
      int queries = 300;
      for (int q = 0; q < queries; q++) {
        Architecture a = space.fromIndex(rng.nextInt(size));
        Architecture best = null;
        Architecture first = null;
        double bestSimilarity = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < 500; j++) {
          Architecture b = space.fromIndex(rng.nextInt(size));
          if (b.equals(a)) {
            continue;
          }
          first = first == null ? b : first;
          double s = e.embed(a).cosine(e.embed(b));
          if (s > bestSimilarity) {
            bestSimilarity = s;
            best = b;
          }
        }
        nearest += Math.abs(table.value(column, a) - table.value(column, best));
        random += Math.abs(table.value(column, a) - table.value(column, first));
      }
      System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.3f | %.2f | %.2f |%n", id, e.dimension(), buildMs,
          RankCorrelation.spearman(distance, difference), nearest / queries, random / queries);
    }
  }
}
