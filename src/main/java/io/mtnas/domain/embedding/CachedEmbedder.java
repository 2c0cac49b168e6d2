package io.mtnas.domain.embedding;

import io.mtnas.domain.space.Architecture;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Remembers every architecture's embedding by code index, so each is computed once per process
 * however many searches, tasks and model retrainings ask for it. Thread-safe: a race computes the
 * same deterministic vector twice.
 */
public final class CachedEmbedder implements Embedder {
  private final Embedder inner;
  private final AtomicReferenceArray<Embedding> cache;

  public CachedEmbedder(Embedder inner, long spaceSize) {
    this.inner = inner;
    this.cache = new AtomicReferenceArray<>(Math.toIntExact(spaceSize));
  }

  @Override
  public String id() {
    return inner.id();
  }

  @Override
  public int dimension() {
    return inner.dimension();
  }

  @Override
  public Embedding embed(Architecture architecture) {
    int i = Math.toIntExact(architecture.index());
    Embedding e = cache.get(i);
    if (e == null) {
      e = inner.embed(architecture);
      cache.set(i, e);
    }
    return e;
  }
}
