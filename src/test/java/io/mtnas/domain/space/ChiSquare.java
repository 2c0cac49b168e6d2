package io.mtnas.domain.space;

/**
 * Pearson's chi-square goodness-of-fit test against the uniform distribution, for seeded
 * statistical tests of stochastic operators. Tests use a significance level of 0.001: with a
 * fixed seed a test is deterministic, and a biased operator shifts the statistic far beyond it.
 */
public final class ChiSquare {
  /** Standard normal quantile for 1 - 0.001. */
  private static final double Z_999 = 3.090232;

  private ChiSquare() {}

  /** The statistic for counts that should be equal in every category. */
  public static double uniformStatistic(long[] counts) {
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    double expected = (double) total / counts.length;
    double statistic = 0;
    for (long c : counts) {
      statistic += (c - expected) * (c - expected) / expected;
    }
    return statistic;
  }

  /**
   * The 0.999 quantile of chi-square with {@code df} degrees of freedom, by the Wilson-Hilferty
   * approximation: slightly above the exact value (20.75 for 5 df, exact 20.52; 49.84 for 23,
   * exact 49.73; 4380.4 for 4095, exact 4380.4), closer as df grows.
   */
  public static double criticalValue999(int df) {
    double h = 2.0 / (9.0 * df);
    double cube = 1 - h + Z_999 * Math.sqrt(h);
    return df * cube * cube * cube;
  }

  /** Whether counts over {@code counts.length} categories pass as uniform at level 0.001. */
  public static boolean looksUniform(long[] counts) {
    return uniformStatistic(counts) < criticalValue999(counts.length - 1);
  }
}
