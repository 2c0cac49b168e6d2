package io.mtnas.domain.embedding;

import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.space.CellGraph;
import io.mtnas.domain.space.SearchSpace;

/**
 * One block per edge with a 1 at the edge's operation: the raw encoding ("embedding off"), or
 * {@link #live} the encoding of what a cell computes, where an edge off every input-to-output path
 * counts as {@code none}, so cells that differ only in dead edges share a vector (a kernel on it
 * counts the edges whose live operation differs).
 */
public final class OneHotEmbedder implements Embedder {
  private final SearchSpace space;
  private final boolean liveOnly;
  /** The index of the none operation, or -1 for a space without one. */
  private final int none;

  public OneHotEmbedder(SearchSpace space) {
    this(space, false);
  }

  private OneHotEmbedder(SearchSpace space, boolean liveOnly) {
    this.space = space;
    this.liveOnly = liveOnly;
    this.none = space.operations().indexOf(CellGraph.NONE);
  }

  /** The live encoding of a cell space (node e + 1 of the cell graph is edge e). */
  public static OneHotEmbedder live(SearchSpace space) {
    return new OneHotEmbedder(space, true);
  }

  @Override
  public String id() {
    return liveOnly ? "live-onehot" : "onehot";
  }

  @Override
  public int dimension() {
    return space.edgeCount() * space.operations().size();
  }

  /** A dead edge of a space without a none operation gets no 1. */
  @Override
  public Embedding embed(Architecture architecture) {
    int ops = space.operations().size();
    boolean[] live = liveOnly ? space.graph(architecture).liveNodes() : null;
    double[] v = new double[dimension()];
    for (int e = 0; e < architecture.edgeCount(); e++) {
      int op = live == null || live[e + 1] ? architecture.operation(e) : none;
      if (op >= 0) {
        v[e * ops + op] = 1;
      }
    }
    return new Embedding(v);
  }
}
