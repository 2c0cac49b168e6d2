package io.mtnas.domain.embedding;

import java.util.Arrays;

/**
 * An architecture's vector in one embedder's space. Every vector of one embedder lives in the same
 * space, so the cosine between two of them means something (the released KTNAS code compared
 * vectors of separately trained models; see ktnas.md section 2).
 */
public final class Embedding {
  private final double[] values;
  private final double norm;

  public Embedding(double[] values) {
    this.values = values.clone();
    double ss = 0;
    for (double v : values) {
      ss += v * v;
    }
    this.norm = Math.sqrt(ss);
  }

  public int dimension() {
    return values.length;
  }

  public double get(int i) {
    return values[i];
  }

  public double[] toArray() {
    return values.clone();
  }

  /** Cosine similarity in [-1, 1]; 0 when either vector is zero. */
  public double cosine(Embedding other) {
    if (other.values.length != values.length) {
      throw new IllegalArgumentException("dimensions differ: " + values.length + " and " + other.values.length);
    }
    if (norm == 0 || other.norm == 0) {
      return 0;
    }
    double dot = 0;
    for (int i = 0; i < values.length; i++) {
      dot += values[i] * other.values[i];
    }
    return dot / (norm * other.norm);
  }

  /** Euclidean distance. */
  public double distance(Embedding other) {
    double ss = 0;
    for (int i = 0; i < values.length; i++) {
      double d = values[i] - other.values[i];
      ss += d * d;
    }
    return Math.sqrt(ss);
  }

  /** Copies the values into {@code target} from {@code offset}. */
  public void copyInto(double[] target, int offset) {
    System.arraycopy(values, 0, target, offset, values.length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Embedding e && Arrays.equals(values, e.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "Embedding" + Arrays.toString(values);
  }
}
