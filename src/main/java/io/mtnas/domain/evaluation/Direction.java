package io.mtnas.domain.evaluation;

/** Whether a larger or a smaller value of a metric is better. */
public enum Direction {
  MAX,
  MIN;

  /** True when {@code candidate} is strictly better than {@code incumbent}. */
  public boolean isBetter(double candidate, double incumbent) {
    return this == MAX ? candidate > incumbent : candidate < incumbent;
  }

  /** True when {@code value} meets or beats {@code threshold}. */
  public boolean reaches(double value, double threshold) {
    return this == MAX ? value >= threshold : value <= threshold;
  }

  /** Orders values best first. */
  public int compareBestFirst(double a, double b) {
    return this == MAX ? Double.compare(b, a) : Double.compare(a, b);
  }

  /** The value every real result beats. */
  public double worst() {
    return this == MAX ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
  }

  /** Parses {@code max} or {@code min} (any case). */
  public static Direction parse(String text) {
    for (Direction d : values()) {
      if (d.name().equalsIgnoreCase(text)) {
        return d;
      }
    }
    throw new IllegalArgumentException("direction must be \"max\" or \"min\", got \"" + text + "\"");
  }
}
