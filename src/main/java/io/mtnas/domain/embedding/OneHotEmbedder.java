package io.mtnas.domain.embedding;

import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.space.SearchSpace;

/** The raw encoding: one block per edge, a 1 at the edge's operation ("embedding off"). */
public final class OneHotEmbedder implements Embedder {
  private final SearchSpace space;

  public OneHotEmbedder(SearchSpace space) {
    this.space = space;
  }

  @Override
  public String id() {
    return "onehot";
  }

  @Override
  public int dimension() {
    return space.edgeCount() * space.operations().size();
  }

  @Override
  public Embedding embed(Architecture architecture) {
    int ops = space.operations().size();
    double[] v = new double[dimension()];
    for (int e = 0; e < architecture.edgeCount(); e++) {
      v[e * ops + architecture.operation(e)] = 1;
    }
    return new Embedding(v);
  }
}
