package io.mtnas.domain.embedding;

import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.space.SearchSpace;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An embedding that counts an architecture's tokens (WL labels, paths...), with one coordinate per
 * token that any architecture of the space has: the vocabulary is built by walking the whole space
 * once, so every vector shares the same coordinates.
 */
abstract class TokenCountEmbedder implements Embedder {
  final SearchSpace space;
  private Map<String, Integer> vocabulary;

  TokenCountEmbedder(SearchSpace space) {
    this.space = space;
  }

  /** Call at the end of a subclass constructor, once {@link #tokens} can run. */
  final void buildVocabulary() {
    Map<String, Integer> vocab = new HashMap<>();
    for (long i = 0; i < space.size(); i++) {
      for (String token : tokens(space.fromIndex(i))) {
        vocab.putIfAbsent(token, vocab.size());
      }
    }
    this.vocabulary = Map.copyOf(vocab);
  }

  /** The architecture's tokens, with repeats. */
  abstract List<String> tokens(Architecture architecture);

  @Override
  public final int dimension() {
    return vocabulary.size();
  }

  @Override
  public final Embedding embed(Architecture architecture) {
    double[] counts = new double[vocabulary.size()];
    for (String token : tokens(architecture)) {
      counts[vocabulary.get(token)]++;
    }
    return new Embedding(counts);
  }
}
