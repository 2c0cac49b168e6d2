package io.mtnas.domain.population;

import io.mtnas.domain.evaluation.Direction;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What keeping a population's proxy trust costs over a long search (a benchmark, not a test):
 * wall time to add 10,000 random results, twice. Run: {@code java -cp
 * target/test-classes:target/classes io.mtnas.domain.population.ProxyTrustBenchmark}.
 */
public final class ProxyTrustBenchmark {
  public static void main(String[] args) {
    for (int rep = 0; rep < 2; rep++) {
      long start = System.nanoTime();
      ProxyTrust trust = ProxyTrust.empty(Direction.MAX);
      SplittableRandom rng = new SplittableRandom(1);
      for (int i = 0; i < 10_000; i++) {
        trust = trust.with(rng.nextDouble(), rng.nextDouble());
      }
      System.out.printf(Locale.ROOT, "10,000 results: %.2f s (trusted: %s)%n", (System.nanoTime() - start) / 1e9,
          trust.trusted());
    }
  }
}
