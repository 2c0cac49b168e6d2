package io.mtnas.domain.variation;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.space.ChiSquare;
import io.mtnas.domain.space.SearchSpace;
import io.mtnas.domain.space.SearchSpaces;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class SamplersTest {
  private static final SearchSpace TRANSNAS = SearchSpaces.transNasMicro();

  @Test
  void uniformOverTheWholeSpaceWithoutExclusions() {
    SplittableRandom rng = new SplittableRandom(1);
    long[] counts = new long[4_096];
    for (int i = 0; i < 30 * counts.length; i++) {
      counts[(int) Samplers.uniform(TRANSNAS, rng, a -> false).orElseThrow().index()]++;
    }
    // 4095 df: critical value 4380 at 0.001
    assertThat(ChiSquare.uniformStatistic(counts)).isLessThan(ChiSquare.criticalValue999(4_095));
  }

  @Test
  void uniformOverTheAllowedHalfAndNeverExcluded() {
    SplittableRandom rng = new SplittableRandom(2);
    long[] counts = new long[2_048];
    for (int i = 0; i < 30 * counts.length; i++) {
      Architecture a = Samplers.uniform(TRANSNAS, rng, odd()).orElseThrow();
      assertThat(a.index() % 2).isZero();
      counts[(int) a.index() / 2]++;
    }
    assertThat(ChiSquare.uniformStatistic(counts)).isLessThan(ChiSquare.criticalValue999(2_047));
  }

  @Test
  void staysUniformWhenAlmostEverythingIsExcludedAndItFallsBackToListing() {
    List<Long> allowed = List.of(5L, 100L, 2_000L, 4_095L);
    AtomicLong tests = new AtomicLong();
    Predicate<Architecture> excluded = a -> {
      tests.incrementAndGet();
      return !allowed.contains(a.index());
    };
    SplittableRandom rng = new SplittableRandom(3);
    long[] counts = new long[allowed.size()];
    int draws = 4 * 500;
    for (int i = 0; i < draws; i++) {
      counts[allowed.indexOf(Samplers.uniform(TRANSNAS, rng, excluded).orElseThrow().index())]++;
    }
    // With 4 of 4,096 allowed, 64 tries fail 94% of the time: most draws must have listed the space.
    long listings = (tests.get() - 64L * draws) / 4_096;
    assertThat(listings).isGreaterThan(draws * 9 / 10);
    assertThat(ChiSquare.uniformStatistic(counts)).isLessThan(ChiSquare.criticalValue999(3));
  }

  @Test
  void findsTheOnlyAllowedArchitecture() {
    Architecture only = TRANSNAS.parse("64-41414-2_13_021");
    assertThat(Samplers.uniform(TRANSNAS, new SplittableRandom(4), a -> !a.equals(only))).contains(only);
  }

  @Test
  void emptyWhenTheWholeSpaceIsExcluded() {
    assertThat(Samplers.uniform(TRANSNAS, new SplittableRandom(5), a -> true)).isEmpty();
    assertThat(Samplers.uniform(SearchSpaces.nb201(), new SplittableRandom(5), a -> true)).isEmpty();
  }

  @Test
  void sameSeedSameSamples() {
    SplittableRandom first = new SplittableRandom(6);
    SplittableRandom second = new SplittableRandom(6);
    for (int i = 0; i < 100; i++) {
      Optional<Architecture> a = Samplers.uniform(TRANSNAS, first, odd());
      assertThat(Samplers.uniform(TRANSNAS, second, odd())).isEqualTo(a);
    }
  }

  private static Predicate<Architecture> odd() {
    return a -> a.index() % 2 == 1;
  }
}
