package io.mtnas.domain.random;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class DerivedRandomTest {

  @Test
  void theSameKeyGivesTheSameDrawsWhenBuiltAgain() {
    RandomGenerator a = DerivedRandom.of(7, "cifar10", "fill", 3);
    RandomGenerator b = DerivedRandom.of(7, "cifar10", "fill", 3);
    for (int i = 0; i < 100; i++) {
      assertThat(a.nextLong()).isEqualTo(b.nextLong());
    }
  }

  @Test
  void everyPartOfTheKeyChangesIt() {
    long base = DerivedRandom.key(7, "cifar10", "fill", 3);
    assertThat(DerivedRandom.key(8, "cifar10", "fill", 3)).isNotEqualTo(base);
    assertThat(DerivedRandom.key(7, "cifar100", "fill", 3)).isNotEqualTo(base);
    assertThat(DerivedRandom.key(7, "cifar10", "choose", 3)).isNotEqualTo(base);
    assertThat(DerivedRandom.key(7, "cifar10", "fill", 4)).isNotEqualTo(base);
    // parts do not slide into each other
    assertThat(DerivedRandom.key(7, "ab", "c", 3)).isNotEqualTo(DerivedRandom.key(7, "a", "bc", 3));
  }

  @Test
  void neighbouringCountersGiveNoCollisionsAndUniformFirstDraws() {
    int n = 100_000;
    int buckets = 100;
    int[] counts = new int[buckets];
    Set<Long> keys = new HashSet<>();
    for (long seq = 0; seq < n; seq++) {
      keys.add(DerivedRandom.key(1, "t", "fill", seq));
      counts[DerivedRandom.of(1, "t", "fill", seq).nextInt(buckets)]++;
    }
    assertThat(keys).hasSize(n);
    double expected = (double) n / buckets;
    double chiSquare = 0;
    for (int c : counts) {
      chiSquare += (c - expected) * (c - expected) / expected;
    }
    // 99 degrees of freedom: P(chi2 > 148) < 0.001 for uniform draws; deterministic for these keys
    assertThat(chiSquare).isLessThan(148);
  }

  @Test
  void firstDrawsOfNeighbouringSeedsAreUncorrelated() {
    int n = 20_000;
    double sumXy = 0;
    double sumX = 0;
    double sumY = 0;
    double sumXx = 0;
    double sumYy = 0;
    for (long seed = 0; seed < n; seed++) {
      double x = DerivedRandom.of(seed, "t", "fill", 0).nextDouble();
      double y = DerivedRandom.of(seed + 1, "t", "fill", 0).nextDouble();
      sumX += x;
      sumY += y;
      sumXy += x * y;
      sumXx += x * x;
      sumYy += y * y;
    }
    double r = (n * sumXy - sumX * sumY) / Math.sqrt((n * sumXx - sumX * sumX) * (n * sumYy - sumY * sumY));
    assertThat(Math.abs(r)).isLessThan(4 / Math.sqrt(n)); // four standard errors
  }
}
