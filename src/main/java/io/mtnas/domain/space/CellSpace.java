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

  /** Arcs of every cell's {@link CellGraph}; only the labels depend on the architecture. */
  private static final List<List<Integer>> GRAPH_SUCCESSORS = graphSuccessors();

  private final String id;
  private final List<String> operations;
  private final long size;
  private final Object canonicalLock = new Object();
  /** Code index -> code index of its class representative; built on first use. */
  private volatile int[] canonicalIndex;

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

  @Override
  public final Architecture canonical(Architecture architecture) {
    requireOwn(architecture);
    int representative = canonicalTable()[(int) architecture.index()];
    return representative == architecture.index() ? architecture : fromIndex(representative);
  }

  @Override
  public final String isomorphismKey(Architecture architecture) {
    requireOwn(architecture);
    return CellIsomorphism.uniqueString(architecture);
  }

  // The whole-space table costs ~65 ms once (NB201, cold JVM) and makes canonical() a lookup; built
  // lazily so that code never asking for representatives does not pay it.
  private int[] canonicalTable() {
    int[] table = canonicalIndex;
    if (table == null) {
      synchronized (canonicalLock) {
        table = canonicalIndex;
        if (table == null) {
          table = CellIsomorphism.representatives(this);
          canonicalIndex = table;
        }
      }
    }
    return table;
  }

  @Override
  public final CellGraph graph(Architecture architecture) {
    requireOwn(architecture);
    List<String> labels = new ArrayList<>(EDGES + 2);
    labels.add(CellGraph.INPUT);
    for (int e = 0; e < EDGES; e++) {
      labels.add(architecture.operationName(e));
    }
    labels.add(CellGraph.OUTPUT);
    return new CellGraph(labels, GRAPH_SUCCESSORS);
  }

  /**
   * Node 0 is the input, node e+1 the operation of edge e, node EDGES+1 the output. The input
   * feeds the edges leaving cell node 0; edge i->j feeds every edge leaving j; edges into the
   * last cell node feed the output.
   */
  private static List<List<Integer>> graphSuccessors() {
    int output = EDGES + 1;
    List<List<Integer>> successors = new ArrayList<>();
    successors.add(edgesLeaving(0));
    for (int e = 0; e < EDGES; e++) {
      successors.add(TO[e] == NODES - 1 ? List.of(output) : edgesLeaving(TO[e]));
    }
    successors.add(List.of());
    return List.copyOf(successors);
  }

  private static List<Integer> edgesLeaving(int cellNode) {
    List<Integer> opNodes = new ArrayList<>();
    for (int e = 0; e < EDGES; e++) {
      if (FROM[e] == cellNode) {
        opNodes.add(e + 1);
      }
    }
    return List.copyOf(opNodes);
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
