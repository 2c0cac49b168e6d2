package io.mtnas.adapter.report;

import io.mtnas.domain.search.EvaluationRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;

/**
 * Best-so-far curves, the pure arithmetic behind the plots (no I/O): a run's best fitness after
 * each evaluation per task, stored as a step function (a best-so-far curve changes only when the
 * best improves, a few dozen times even in a 15,000-evaluation random search, so a run keeps a
 * few hundred bytes, not its evaluation records), and across seeds the mean and the interquartile
 * band at each evaluation count.
 *
 * <p>A run that finished before the longest run of its group (it solved its task, or its budget
 * was smaller) keeps its final value from then on: the curve is carried forward, so the mean at
 * evaluation {@code n} is over every run that got that far or stopped earlier, never only over
 * the runs still going.
 */
public final class Curves {
  private Curves() {}

  /**
   * One run's best-so-far on one task as a step function: {@code value[k]} holds from evaluation
   * {@code at[k]} (1-based, ascending) until the next step; before {@code at[0]} there is no value
   * yet. {@code length} is the run's number of evaluations; past it the last value is carried.
   */
  public record Curve(int length, int[] at, double[] value) {
    public Curve {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(value, "value");
      if (at.length != value.length) {
        throw new IllegalArgumentException("at and value differ in length: " + at.length + " vs " + value.length);
      }
      for (int k = 0; k < at.length; k++) {
        if (at[k] < 1 || at[k] > length || (k > 0 && at[k] <= at[k - 1])) {
          throw new IllegalArgumentException("steps must be ascending within 1.." + length + ": " + Arrays.toString(at));
        }
      }
      at = at.clone();
      value = value.clone();
    }

    /** A curve from the best-so-far after each evaluation, {@code bestAfter[i]} after evaluation i+1. */
    public static Curve of(double[] bestAfter) {
      int[] at = new int[bestAfter.length];
      double[] value = new double[bestAfter.length];
      int steps = 0;
      for (int i = 0; i < bestAfter.length; i++) {
        double v = bestAfter[i];
        if (Double.isNaN(v) || (steps > 0 && Double.compare(v, value[steps - 1]) == 0)) {
          continue;
        }
        at[steps] = i + 1;
        value[steps] = v;
        steps++;
      }
      return new Curve(bestAfter.length, Arrays.copyOf(at, steps), Arrays.copyOf(value, steps));
    }

    /** The best-so-far after {@code evaluation} (1-based); NaN before the first value, the last one past the end. */
    public double valueAt(int evaluation) {
      int k = Arrays.binarySearch(at, evaluation);
      if (k < 0) {
        k = -k - 2; // the last step at or before the evaluation
      }
      return k < 0 ? Double.NaN : value[k];
    }

    /** The run's final best-so-far (NaN if it never had one). */
    public double last() {
      return value.length == 0 ? Double.NaN : value[value.length - 1];
    }

    /** Every value mapped, e.g. to the gap to an optimum; steps whose mapped values coincide merge. */
    public Curve map(DoubleUnaryOperator f) {
      int[] newAt = new int[at.length];
      double[] newValue = new double[at.length];
      int steps = 0;
      for (int k = 0; k < at.length; k++) {
        double v = f.applyAsDouble(value[k]);
        if (steps > 0 && Double.compare(v, newValue[steps - 1]) == 0) {
          continue;
        }
        newAt[steps] = at[k];
        newValue[steps] = v;
        steps++;
      }
      return new Curve(length, Arrays.copyOf(newAt, steps), Arrays.copyOf(newValue, steps));
    }

    /** The distance to {@code optimum}, {@code |optimum - best|}, after each evaluation. */
    public Curve gap(double optimum) {
      return map(v -> Math.abs(optimum - v));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Curve c && c.length == length && Arrays.equals(c.at, at) && Arrays.equals(c.value, value);
    }

    @Override
    public int hashCode() {
      return 31 * (31 * length + Arrays.hashCode(at)) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "Curve[length=" + length + ", at=" + Arrays.toString(at) + ", value=" + Arrays.toString(value) + "]";
    }
  }

  /**
   * Per task, in {@code taskOrder} (a task without records gets an empty curve), the best-so-far
   * curve of one run from its evaluation records, in any order. A record's {@code bestSoFar} is
   * the task's best after it; an evaluation number without a record (a failed evaluation) keeps
   * the previous best. Records of tasks not in {@code taskOrder} are ignored.
   */
  public static Map<String, Curve> bestSoFar(List<String> taskOrder, Collection<EvaluationRecord> records) {
    Map<String, List<EvaluationRecord>> byTask = new LinkedHashMap<>();
    taskOrder.forEach(t -> byTask.put(t, new ArrayList<>()));
    for (EvaluationRecord r : records) {
      List<EvaluationRecord> mine = byTask.get(r.task());
      if (mine != null) {
        mine.add(r);
      }
    }
    Map<String, Curve> curves = new LinkedHashMap<>();
    byTask.forEach((task, rows) -> {
      rows.sort(Comparator.comparingInt(EvaluationRecord::evaluation));
      int length = rows.isEmpty() ? 0 : rows.get(rows.size() - 1).evaluation();
      double[] best = new double[length];
      Arrays.fill(best, Double.NaN);
      for (EvaluationRecord r : rows) {
        if (r.evaluation() >= 1) {
          best[r.evaluation() - 1] = r.bestSoFar();
        }
      }
      for (int i = 1; i < length; i++) {
        if (Double.isNaN(best[i])) {
          best[i] = best[i - 1];
        }
      }
      curves.put(task, Curve.of(best));
    });
    return curves;
  }

  /**
   * The aggregate of several runs' curves at the evaluation counts {@code x}: the mean, and the
   * 25th and 75th percentiles (linear interpolation between order statistics, as numpy's default)
   * over the runs that have a value there. {@code n[i]} counts those runs; where it is 0 the
   * statistics are NaN.
   */
  public record Band(int[] x, double[] mean, double[] lo, double[] hi, int[] n, int runs) {
    /** The evaluation count of the longest run (the end of {@code x}), 0 if empty. */
    public int length() {
      return x.length == 0 ? 0 : x[x.length - 1];
    }
  }

  /** Aggregates runs over {@code x}, carrying each finished run's last value forward. */
  public static Band aggregate(List<Curve> runs, int[] x) {
    double[] mean = new double[x.length];
    double[] lo = new double[x.length];
    double[] hi = new double[x.length];
    int[] n = new int[x.length];
    double[] values = new double[runs.size()];
    for (int i = 0; i < x.length; i++) {
      int m = 0;
      double sum = 0;
      for (Curve c : runs) {
        double v = c.valueAt(x[i]);
        if (!Double.isNaN(v)) {
          values[m++] = v;
          sum += v;
        }
      }
      n[i] = m;
      if (m == 0) {
        mean[i] = lo[i] = hi[i] = Double.NaN;
        continue;
      }
      Arrays.sort(values, 0, m);
      mean[i] = sum / m;
      lo[i] = percentile(values, m, 0.25);
      hi[i] = percentile(values, m, 0.75);
    }
    return new Band(x.clone(), mean, lo, hi, n, runs.size());
  }

  /** Aggregates runs over the default grid up to the longest run ({@link #grid}). */
  public static Band aggregate(List<Curve> runs, boolean logGrid) {
    int longest = runs.stream().mapToInt(Curve::length).max().orElse(0);
    return aggregate(runs, grid(longest, logGrid));
  }

  /** The q-quantile of the first m sorted values, interpolating linearly between order statistics. */
  static double percentile(double[] sorted, int m, double q) {
    double pos = q * (m - 1);
    int below = (int) Math.floor(pos);
    int above = Math.min(below + 1, m - 1);
    return sorted[below] + (pos - below) * (sorted[above] - sorted[below]);
  }

  /**
   * Evaluation counts 1..{@code length} to aggregate at: every count up to 1,000 (200 on a log
   * grid), beyond that about 1,000 evenly spaced counts, or on a log grid 200 per decade; always
   * ending at {@code length}.
   */
  public static int[] grid(int length, boolean log) {
    if (length <= 0) {
      return new int[0];
    }
    int dense = Math.min(length, log ? 200 : 1000);
    List<Integer> xs = new ArrayList<>();
    for (int i = 1; i <= dense; i++) {
      xs.add(i);
    }
    if (length > dense) {
      if (log) {
        double ratio = Math.pow(10, 1.0 / 200);
        double v = dense;
        while (true) {
          v *= ratio;
          int next = (int) Math.round(v);
          if (next >= length) {
            break;
          }
          if (next > xs.get(xs.size() - 1)) {
            xs.add(next);
          }
        }
      } else {
        double step = (length - dense) / 1000.0;
        for (int k = 1; k < 1000; k++) {
          int next = dense + (int) Math.round(k * step);
          if (next > xs.get(xs.size() - 1) && next < length) {
            xs.add(next);
          }
        }
      }
      xs.add(length);
    }
    return xs.stream().mapToInt(Integer::intValue).toArray();
  }
}
