package io.mtnas.domain.embedding;

import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.space.SearchSpace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Weisfeiler-Lehman subtree features: each node of the cell graph (none operations removed) starts
 * with its operation label and is relabelled {@code iterations} times by its own label plus the
 * sorted labels of its predecessors and of its successors; the vector counts every label seen at
 * every iteration. The vocabulary is built from every architecture of the space, so all vectors
 * share one fixed set of coordinates and identical graphs get identical vectors.
 */
public final class WlEmbedder implements Embedder {
  private final SearchSpace space;
  private final int iterations;
  private final Map<String, Integer> vocabulary;

  public WlEmbedder(SearchSpace space, int iterations) {
    if (iterations < 0) {
      throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
    }
    this.space = space;
    this.iterations = iterations;
    Map<String, Integer> vocab = new HashMap<>();
    for (long i = 0; i < space.size(); i++) {
      for (String label : labels(space.fromIndex(i))) {
        vocab.putIfAbsent(label, vocab.size());
      }
    }
    this.vocabulary = Map.copyOf(vocab);
  }

  @Override
  public String id() {
    return "wl";
  }

  @Override
  public int dimension() {
    return vocabulary.size();
  }

  @Override
  public Embedding embed(Architecture architecture) {
    double[] counts = new double[vocabulary.size()];
    for (String label : labels(architecture)) {
      counts[vocabulary.get(label)]++;
    }
    return new Embedding(counts);
  }

  /** Every node label of every iteration, prefixed by the iteration so levels never collide. */
  private List<String> labels(Architecture architecture) {
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
