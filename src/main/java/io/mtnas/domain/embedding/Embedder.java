package io.mtnas.domain.embedding;

import io.mtnas.domain.space.Architecture;

/**
 * Maps architectures of one search space to vectors of one shared space, data-agnostic (never
 * sees accuracies or datasets). Implementations are deterministic after construction and
 * thread-safe.
 */
public interface Embedder {
  /** Stable name used in specs and reports, e.g. {@code wl}, {@code node2vec}, {@code onehot}. */
  String id();

  int dimension();

  Embedding embed(Architecture architecture);
}
