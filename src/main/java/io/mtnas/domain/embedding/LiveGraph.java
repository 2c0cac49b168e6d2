package io.mtnas.domain.embedding;

import io.mtnas.domain.space.CellGraph;
import java.util.ArrayList;
import java.util.List;

/**
 * A cell graph without its {@code none} operations, which carry nothing: the nodes that remain,
 * their labels, and arcs both ways. Embedders that read structure work on this view so that a
 * cell and its none-padded variants look alike.
 */
record LiveGraph(List<String> labels, List<List<Integer>> successors, List<List<Integer>> predecessors) {
  static final String NONE = "none";

  static LiveGraph of(CellGraph graph) {
    int n = graph.nodeCount();
    int[] newIndex = new int[n];
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (NONE.equals(graph.labels().get(i))) {
        newIndex[i] = -1;
      } else {
        newIndex[i] = labels.size();
        labels.add(graph.labels().get(i));
      }
    }
    List<List<Integer>> succ = new ArrayList<>();
    List<List<Integer>> pred = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      succ.add(new ArrayList<>());
      pred.add(new ArrayList<>());
    }
    for (int from = 0; from < n; from++) {
      if (newIndex[from] < 0) {
        continue;
      }
      for (int to : graph.successors().get(from)) {
        if (newIndex[to] >= 0) {
          succ.get(newIndex[from]).add(newIndex[to]);
          pred.get(newIndex[to]).add(newIndex[from]);
        }
      }
    }
    return new LiveGraph(labels, succ, pred);
  }

  int size() {
    return labels.size();
  }
}
