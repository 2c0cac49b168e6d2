package io.mtnas.domain.embedding;

import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.space.CellGraph;
import io.mtnas.domain.space.SearchSpace;
import java.util.ArrayList;
import java.util.List;

/**
 * Path encoding (White et al., BANANAS): one coordinate per sequence of operations along an
 * input-to-output path of the cell (none operations cut a path), counting how many such paths the
 * cell has. The coordinates come from every architecture of the space, in first-seen order.
 */
public final class PathEmbedder extends TokenCountEmbedder {
  public PathEmbedder(SearchSpace space) {
    super(space);
    buildVocabulary();
  }

  @Override
  public String id() {
    return "path";
  }

  /** The operation sequence of every input-to-output path. */
  @Override
  List<String> tokens(Architecture architecture) {
    LiveGraph g = LiveGraph.of(space.graph(architecture));
    List<String> out = new ArrayList<>();
    if (g.size() >= 2 && CellGraph.INPUT.equals(g.labels().get(0))) {
      walk(g, 0, "", out);
    }
    return out;
  }

  private static void walk(LiveGraph g, int node, String prefix, List<String> out) {
    String label = g.labels().get(node);
    if (CellGraph.OUTPUT.equals(label)) {
      out.add(prefix.isEmpty() ? "(direct)" : prefix);
      return;
    }
    String next = CellGraph.INPUT.equals(label) ? prefix : (prefix.isEmpty() ? label : prefix + ">" + label);
    for (int s : g.successors().get(node)) {
      walk(g, s, next, out);
    }
  }
}
