package io.mtnas.adapter.bench;

import java.util.Arrays;
import java.util.List;

/** Mean, sample standard deviation and median of a list of numbers (NaN when empty). */
public record Stats(int n, double mean, double std, double median) {

  public static Stats of(List<? extends Number> values) {
    double[] xs = values.stream().mapToDouble(Number::doubleValue).toArray();
    if (xs.length == 0) {
      return new Stats(0, Double.NaN, Double.NaN, Double.NaN);
    }
    double mean = Arrays.stream(xs).average().orElseThrow();
    double ss = 0;
    for (double x : xs) {
      ss += (x - mean) * (x - mean);
    }
    double std = xs.length > 1 ? Math.sqrt(ss / (xs.length - 1)) : 0;
    Arrays.sort(xs);
    int mid = xs.length / 2;
    double median = xs.length % 2 == 1 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
    return new Stats(xs.length, mean, std, median);
  }
}
