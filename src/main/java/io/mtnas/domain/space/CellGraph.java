package io.mtnas.domain.space;

import java.util.List;

/**
 * A cell as a directed acyclic graph with operations as labelled nodes ("operation-on-node" view,
 * as arch2vec and graph embeddings use): node 0 is the cell input (label {@code input}), the last
 * node is the cell output (label {@code output}), and one node per edge of the cell carries that
 * edge's operation name, {@code none} included (embedders decide whether to drop it).
 * {@code successors.get(i)} lists the nodes node i feeds, in increasing order; every arc goes
 * from a lower to a higher node number.
 */
public record CellGraph(List<String> labels, List<List<Integer>> successors) {
  public static final String INPUT = "input";
  public static final String OUTPUT = "output";
  public static final String NONE = "none";

  public CellGraph {
    labels = List.copyOf(labels);
    successors = successors.stream().map(List::copyOf).toList();
    if (labels.size() != successors.size()) {
      throw new IllegalArgumentException(
          labels.size() + " labels but " + successors.size() + " successor lists");
    }
    for (int from = 0; from < successors.size(); from++) {
      int previous = from;
      for (int to : successors.get(from)) {
        if (to <= previous || to >= labels.size()) {
          throw new IllegalArgumentException("successors of node " + from + " must be increasing and in "
              + (from + 1) + ".." + (labels.size() - 1) + ", got " + successors.get(from));
        }
        previous = to;
      }
    }
  }

  /**
   * The nodes that carry signal: not {@code none}, and on a path from the input to the output
   * through operations that are not {@code none} (the input and output nodes too, when such a path
   * exists).
   */
  public boolean[] liveNodes() {
    int n = nodeCount();
    boolean[] fromInput = new boolean[n];
    fromInput[0] = true;
    for (int from = 0; from < n; from++) { // arcs go from lower to higher nodes
      if (fromInput[from] && !NONE.equals(labels.get(from))) {
        for (int to : successors.get(from)) {
          fromInput[to] = true;
        }
      }
    }
    boolean[] toOutput = new boolean[n];
    toOutput[n - 1] = true;
    for (int from = n - 2; from >= 0; from--) {
      if (!NONE.equals(labels.get(from))) {
        for (int to : successors.get(from)) {
          toOutput[from] |= toOutput[to];
        }
      }
    }
    boolean[] live = new boolean[n];
    for (int i = 0; i < n; i++) {
      live[i] = fromInput[i] && toOutput[i] && !NONE.equals(labels.get(i));
    }
    return live;
  }

  public int nodeCount() {
    return labels.size();
  }

  /** A fresh 0/1 matrix, {@code [from][to] == 1} when there is an arc from -> to. */
  public int[][] adjacencyMatrix() {
    int[][] matrix = new int[nodeCount()][nodeCount()];
    for (int from = 0; from < nodeCount(); from++) {
      for (int to : successors.get(from)) {
        matrix[from][to] = 1;
      }
    }
    return matrix;
  }
}
