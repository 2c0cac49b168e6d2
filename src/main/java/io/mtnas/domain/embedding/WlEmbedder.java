package io.mtnas.domain.embedding;

import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.space.SearchSpace;
import java.util.ArrayList;
import java.util.List;

/**
 * Weisfeiler-Lehman subtree features: each node of the cell graph (none operations removed) starts
 * with its operation label and is relabelled {@code iterations} times by its own label plus the
 * sorted labels of its predecessors and of its successors; the vector counts every label seen at
 * every iteration. The vocabulary is built from every architecture of the space, so all vectors
 * share one fixed set of coordinates and identical graphs get identical vectors.
 */
public final class WlEmbedder extends TokenCountEmbedder {
  private final int iterations;

  public WlEmbedder(SearchSpace space, int iterations) {
    super(space);
    if (iterations < 0) {
      throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
    }
    this.iterations = iterations;
    buildVocabulary();
  }

  @Override
  public String id() {
    return "wl";
  }

  /** Every node label of every iteration, prefixed by the iteration so levels never collide. */
  @Override
  List<String> tokens(Architecture architecture) {
    LiveGraph g = LiveGraph.of(space.graph(architecture));
    List<String> all = new ArrayList<>();
    List<String> current = new ArrayList<>(g.labels());
    for (String l : current) {
      all.add("0:" + l);
    }
    for (int it = 1; it <= iterations; it++) {
      List<String> next = new ArrayList<>(g.size());
      for (int v = 0; v < g.size(); v++) {
        next.add(current.get(v) + "(" + sortedLabels(g.predecessors().get(v), current) + "|"
            + sortedLabels(g.successors().get(v), current) + ")");
      }
      current = next;
      for (String l : current) {
        all.add(it + ":" + l);
      }
    }
    return all;
  }

  private static String sortedLabels(List<Integer> nodes, List<String> labels) {
    return String.join(",", nodes.stream().map(labels::get).sorted().toList());
  }
}
