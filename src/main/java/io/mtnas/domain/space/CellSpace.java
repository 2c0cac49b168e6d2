package io.mtnas.domain.space;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Shared mechanics of the 4-node cell spaces (NAS-Bench-201, TransNAS-Bench-101 micro): six edges
 * in the order 1&lt;-0, 2&lt;-0, 2&lt;-1, 3&lt;-0, 3&lt;-1, 3&lt;-2, one operation each. Subclasses supply the
 * operation list and the official string form.
 */
abstract class CellSpace implements SearchSpace {
  /** Cell nodes; node 0 is the input, node 3 the output. */
  static final int NODES = 4;

  static final int EDGES = 6;

  /** Source node of each edge. */
  static final int[] FROM = {0, 0, 1, 0, 1, 2};

  /** Target node of each edge. */
  static final int[] TO = {1, 2, 2, 3, 3, 3};

  private final String id;
  private final List<String> operations;
  private final long size;

  CellSpace(String id, List<String> operations) {
    this.id = id;
    this.operations = List.copyOf(operations);
    long s = 1;
    for (int i = 0; i < EDGES; i++) {
      s *= operations.size();
    }
    this.size = s;
  }

  /** Edge index of the edge {@code from -> to}. */
  static int edge(int from, int to) {
    for (int e = 0; e < EDGES; e++) {
      if (FROM[e] == from && TO[e] == to) {
        return e;
      }
    }
    throw new IllegalArgumentException("no edge " + from + "->" + to);
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final List<String> operations() {
    return operations;
  }

  @Override
  public final int edgeCount() {
    return EDGES;
  }

  @Override
  public final long size() {
    return size;
  }

  @Override
  public final Architecture of(int... operationIndices) {
    if (operationIndices.length != EDGES) {
      throw new IllegalArgumentException(
          id + " architecture needs " + EDGES + " operations, got " + operationIndices.length);
    }
    byte[] ops = new byte[EDGES];
    long index = 0;
    for (int e = 0; e < EDGES; e++) {
      int op = operationIndices[e];
      if (op < 0 || op >= operations.size()) {
        throw new IllegalArgumentException(
            id + " operation index on edge " + e + " must be in 0.." + (operations.size() - 1)
                + ", got " + op);
      }
      ops[e] = (byte) op;
      index = index * operations.size() + op;
    }
    return new Architecture(this, ops, index);
  }

  @Override
  public final Architecture fromIndex(long index) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException(
          id + " index must be in 0.." + (size - 1) + ", got " + index);
    }
    int[] ops = new int[EDGES];
    long rest = index;
    for (int e = EDGES - 1; e >= 0; e--) {
      ops[e] = (int) (rest % operations.size());
      rest /= operations.size();
    }
    return of(ops);
  }

  @Override
  public final long index(Architecture architecture) {
    requireOwn(architecture);
    return architecture.index();
  }

  @Override
  public final Architecture random(RandomGenerator rng) {
    return fromIndex(rng.nextLong(size));
  }

  @Override
  public final List<Architecture> neighbours(Architecture architecture) {
    requireOwn(architecture);
    List<Architecture> result = new ArrayList<>(EDGES * (operations.size() - 1));
    for (int e = 0; e < EDGES; e++) {
      for (int op = 0; op < operations.size(); op++) {
        if (op != architecture.operation(e)) {
          result.add(architecture.withOperation(e, op));
        }
      }
    }
    return result;
  }

  final void requireOwn(Architecture architecture) {
    if (architecture.space() != this && !architecture.space().id().equals(id)) {
      throw new IllegalArgumentException(
          "architecture of space " + architecture.space().id() + " given to space " + id);
    }
  }

  @Override
  public String toString() {
    return id;
  }
}
