package io.mtnas.adapter.benchmark;

import io.mtnas.domain.evaluation.Direction;
import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.space.SearchSpace;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One tabular benchmark in memory: every numeric column of its files, each as an array indexed by
 * the space's code index ({@link Architecture#index()}), so a lookup is one array read. Immutable
 * and safe to share between worker threads.
 */
public final class BenchmarkTable {
  /** The best value of a column and an architecture that has it (the lowest code index on ties). */
  public record Optimum(double value, Architecture architecture) {}

  private final String id;
  private final SearchSpace space;
  private final Map<String, double[]> columns;
  private final long[] officialIndex;
  private final List<Path> files;
  private final Map<String, double[]> sortedCache = new ConcurrentHashMap<>();

  BenchmarkTable(String id, SearchSpace space, Map<String, double[]> columns, long[] officialIndex, List<Path> files) {
    this.id = id;
    this.space = space;
    this.columns = Map.copyOf(columns);
    this.officialIndex = officialIndex;
    this.files = List.copyOf(files);
  }

  public String id() {
    return id;
  }

  public SearchSpace space() {
    return space;
  }

  /** Number of architectures (rows). */
  public int size() {
    return officialIndex.length;
  }

  /** The files the table was read from, primary first. */
  public List<Path> files() {
    return files;
  }

  /** Every numeric column, sorted by name. */
  public List<String> columns() {
    return columns.keySet().stream().sorted().toList();
  }

  public boolean hasColumn(String name) {
    return columns.containsKey(name);
  }

  /** The value of a column for an architecture; NaN where the benchmark has none. */
  public double value(String column, Architecture architecture) {
    return column(column)[index(architecture)];
  }

  /** The benchmark's own index of an architecture (NB201's {@code arch_index}). */
  public OptionalLong officialIndex(Architecture architecture) {
    return OptionalLong.of(officialIndex[index(architecture)]);
  }

  /** The best value of a column over all architectures with a value. */
  public Optimum optimum(String column, Direction direction) {
    double[] values = column(column);
    int best = -1;
    for (int i = 0; i < values.length; i++) {
      if (!Double.isNaN(values[i]) && (best < 0 || direction.isBetter(values[i], values[best]))) {
        best = i;
      }
    }
    if (best < 0) {
      throw new IllegalArgumentException("column " + column + " of " + id + " has no values");
    }
    return new Optimum(values[best], space.fromIndex(best));
  }

  /**
   * Rank of an architecture by a column among all architectures: 1 plus the number with a
   * strictly better value, so tied architectures share a rank and the optimum has rank 1.
   */
  public int rank(String column, Direction direction, Architecture architecture) {
    double value = value(column, architecture);
    if (Double.isNaN(value)) {
      return size();
    }
    double[] ascending = sortedCache.computeIfAbsent(column, c -> sortedWithoutNaN(column(c)));
    if (direction == Direction.MAX) {
      return 1 + (ascending.length - upperBound(ascending, value));
    }
    return 1 + lowerBound(ascending, value);
  }

  /** How many architectures have a value at or beyond {@code threshold} in the direction. */
  public int countReaching(String column, Direction direction, double threshold) {
    int n = 0;
    for (double v : column(column)) {
      if (!Double.isNaN(v) && direction.reaches(v, threshold)) {
        n++;
      }
    }
    return n;
  }

  private double[] column(String name) {
    double[] values = columns.get(name);
    if (values == null) {
      throw new IllegalArgumentException("benchmark " + id + " has no column \"" + name + "\"");
    }
    return values;
  }

  private int index(Architecture architecture) {
    Objects.requireNonNull(architecture, "architecture");
    if (!architecture.space().id().equals(space.id())) {
      throw new IllegalArgumentException("architecture of space " + architecture.space().id()
          + " looked up in benchmark " + id + " (space " + space.id() + ")");
    }
    return Math.toIntExact(architecture.index());
  }

  private static double[] sortedWithoutNaN(double[] values) {
    double[] copy = Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
    Arrays.sort(copy);
    return copy;
  }

  /** First position whose value is >= key. */
  private static int lowerBound(double[] a, double key) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** First position whose value is > key. */
  private static int upperBound(double[] a, double key) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] <= key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
