package io.mtnas.domain.space;

import java.util.List;

/**
 * A cell as a directed acyclic graph with operations as labelled nodes ("operation-on-node" view,
 * as arch2vec and graph embeddings use): node 0 is the cell input (label {@code input}), the last
 * node is the cell output (label {@code output}), and one node per edge of the cell carries that
 * edge's operation name. {@code successors.get(i)} lists the nodes node i feeds, in increasing
 * order; every arc goes from a lower to a higher node number.
 */
public record CellGraph(List<String> labels, List<List<Integer>> successors) {
  public CellGraph {
    labels = List.copyOf(labels);
    successors = successors.stream().map(List::copyOf).toList();
    if (labels.size() != successors.size()) {
      throw new IllegalArgumentException("labels and successor lists differ in size");
    }
  }

  public int nodeCount() {
    return labels.size();
  }
}
