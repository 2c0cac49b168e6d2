package io.mtnas.domain.space;

import java.util.Arrays;

/**
 * One cell of a {@link SearchSpace}: an operation index per edge. Immutable; equal when space and
 * operations are equal. Build through {@link SearchSpace#of}, {@link SearchSpace#parse} or
 * {@link SearchSpace#fromIndex}.
 */
public final class Architecture implements Comparable<Architecture> {
  private final SearchSpace space;
  private final byte[] operations;
  private final long index;

  Architecture(SearchSpace space, byte[] operations, long index) {
    this.space = space;
    this.operations = operations;
    this.index = index;
  }

  public SearchSpace space() {
    return space;
  }

  public int edgeCount() {
    return operations.length;
  }

  /** Operation index on the given edge. */
  public int operation(int edge) {
    return operations[edge];
  }

  /** Operation name on the given edge. */
  public String operationName(int edge) {
    return space.operations().get(operations[edge]);
  }

  public int[] operations() {
    int[] copy = new int[operations.length];
    for (int i = 0; i < copy.length; i++) {
      copy[i] = operations[i];
    }
    return copy;
  }

  /** The space's code index (see {@link SearchSpace}). */
  public long index() {
    return index;
  }

  /** A copy with one edge changed. */
  public Architecture withOperation(int edge, int operation) {
    int[] ops = operations();
    ops[edge] = operation;
    return space.of(ops);
  }

  /** Number of edges on which the two architectures differ. */
  public int distance(Architecture other) {
    requireSameSpace(other);
    int differing = 0;
    for (int i = 0; i < operations.length; i++) {
      if (operations[i] != other.operations[i]) {
        differing++;
      }
    }
    return differing;
  }

  private void requireSameSpace(Architecture other) {
    if (!space.id().equals(other.space.id())) {
      throw new IllegalArgumentException(
          "architectures of different spaces: " + space.id() + " and " + other.space.id());
    }
  }

  @Override
  public int compareTo(Architecture other) {
    int bySpace = space.id().compareTo(other.space.id());
    return bySpace != 0 ? bySpace : Long.compare(index, other.index);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Architecture other
        && index == other.index
        && space.id().equals(other.space.id());
  }

  @Override
  public int hashCode() {
    return 31 * space.id().hashCode() + Long.hashCode(index);
  }

  /** The official string form. */
  @Override
  public String toString() {
    return space.format(this);
  }

  /** For space implementations: the operation array, not copied. */
  static byte[] unsafeOperations(Architecture a) {
    return a.operations;
  }

  static String describe(byte[] ops) {
    return Arrays.toString(ops);
  }
}
