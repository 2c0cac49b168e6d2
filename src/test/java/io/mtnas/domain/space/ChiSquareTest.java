package io.mtnas.domain.space;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChiSquareTest {

  @Test
  void criticalValuesAreCloseToTheTabulatedOnes() {
    // 0.999 quantiles from standard chi-square tables
    assertThat(ChiSquare.criticalValue999(5)).isCloseTo(20.515, within(0.3));
    assertThat(ChiSquare.criticalValue999(17)).isCloseTo(40.790, within(0.3));
    assertThat(ChiSquare.criticalValue999(23)).isCloseTo(49.728, within(0.3));
    assertThat(ChiSquare.criticalValue999(100)).isCloseTo(149.449, within(0.3));
    assertThat(ChiSquare.criticalValue999(4095)).isCloseTo(4380.371, within(0.5));
  }

  @Test
  void statisticOfExactlyEqualCountsIsZero() {
    assertThat(ChiSquare.uniformStatistic(new long[] {7, 7, 7})).isZero();
  }

  @Test
  void acceptsAUniformSourceAndRejectsASlightlyBiasedOne() {
    SplittableRandom rng = new SplittableRandom(1);
    long[] fair = new long[20];
    long[] biased = new long[20];
    for (int i = 0; i < 100_000; i++) {
      fair[rng.nextInt(20)]++;
      // category 0 twice as likely as any other: what an off-by-one in an operator looks like
      int r = rng.nextInt(21);
      biased[r == 20 ? 0 : r]++;
    }
    assertThat(ChiSquare.looksUniform(fair)).isTrue();
    assertThat(ChiSquare.looksUniform(biased)).isFalse();
  }
}
