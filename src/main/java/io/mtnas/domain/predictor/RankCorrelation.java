package io.mtnas.domain.predictor;

import java.util.Arrays;

/** Rank correlations: for the proxy trust of a population and the predictor and embedding benchmarks. */
public final class RankCorrelation {
  private RankCorrelation() {}

  /** Kendall's tau-a: (concordant - discordant) over all pairs. */
  public static double kendallTauA(double[] a, double[] b) {
    long[] cd = concordantDiscordant(a, b);
    return (double) (cd[0] - cd[1]) / ((long) a.length * (a.length - 1) / 2);
  }

  /** Kendall's tau over the pairs tied in neither sequence: (concordant - discordant) / (c + d). */
  public static double kendallTau(double[] a, double[] b) {
    long[] cd = concordantDiscordant(a, b);
    return (double) (cd[0] - cd[1]) / (cd[0] + cd[1]);
  }

  private static long[] concordantDiscordant(double[] a, double[] b) {
    long concordant = 0;
    long discordant = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = i + 1; j < a.length; j++) {
        double s = Math.signum(a[i] - a[j]) * Math.signum(b[i] - b[j]);
        if (s > 0) {
          concordant++;
        } else if (s < 0) {
          discordant++;
        }
      }
    }
    return new long[] {concordant, discordant};
  }

  /** Spearman's rho: the Pearson correlation of the ranks, tied values sharing their average rank; 0 when one side is constant. */
  public static double spearman(double[] a, double[] b) {
    return pearson(ranks(a), ranks(b));
  }

  private static double[] ranks(double[] x) {
    Integer[] order = new Integer[x.length];
    for (int i = 0; i < x.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (i, j) -> Double.compare(x[i], x[j]));
    double[] r = new double[x.length];
    for (int i = 0; i < order.length; ) {
      int j = i;
      while (j + 1 < order.length && x[order[j + 1]] == x[order[i]]) {
        j++;
      }
      for (int k = i; k <= j; k++) {
        r[order[k]] = (i + j) / 2.0;
      }
      i = j + 1;
    }
    return r;
  }

  private static double pearson(double[] a, double[] b) {
    double ma = Arrays.stream(a).average().orElse(0);
    double mb = Arrays.stream(b).average().orElse(0);
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < a.length; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    return saa == 0 || sbb == 0 ? 0 : sab / Math.sqrt(saa * sbb);
  }
}
