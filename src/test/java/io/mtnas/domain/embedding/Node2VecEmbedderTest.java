package io.mtnas.domain.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.space.SearchSpace;
import io.mtnas.domain.space.SearchSpaces;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Node2VecEmbedderTest {
  private static final SearchSpace NB201 = SearchSpaces.nb201();

  private static Node2VecEmbedder.Settings small(long seed) {
    return new Node2VecEmbedder.Settings(16, 1, 12, 3, 1.0, 1.0, 3, 1, 300, seed);
  }

  @Test
  void twoInstancesWithTheSameSettingsGiveEqualEmbeddings() {
    Node2VecEmbedder first = new Node2VecEmbedder(NB201, small(7));
    Node2VecEmbedder second = new Node2VecEmbedder(NB201, small(7));
    SplittableRandom rng = new SplittableRandom(1);
    for (int i = 0; i < 300; i++) {
      Architecture a = NB201.random(rng);
      assertThat(second.embed(a)).isEqualTo(first.embed(a));
    }
  }

  @Test
  void differentSeedsGiveDifferentVectors() {
    Node2VecEmbedder first = new Node2VecEmbedder(NB201, small(7));
    Node2VecEmbedder second = new Node2VecEmbedder(NB201, small(8));
    SplittableRandom rng = new SplittableRandom(2);
    for (int i = 0; i < 100; i++) {
      Architecture a = NB201.random(rng);
      assertThat(second.embed(a)).as("%s", a).isNotEqualTo(first.embed(a));
    }
  }

  @Test
  void theDimensionIsTheSettingsDimension() {
    Node2VecEmbedder.Settings settings = new Node2VecEmbedder.Settings(8, 1, 6, 2, 1.0, 1.0, 2, 1, 50, 3);
    Node2VecEmbedder e = new Node2VecEmbedder(SearchSpaces.transNasMicro(), settings);
    assertThat(e.dimension()).isEqualTo(8);
    assertThat(e.embed(SearchSpaces.transNasMicro().fromIndex(4095)).dimension()).isEqualTo(8);
    assertThat(e.id()).isEqualTo("node2vec");
  }

  @Test
  void architecturesWithTheSameLiveNodeTokensGetTheSameVector() {
    // the embedding is the mean of node tokens (e<edge>:<op>, input, output); none nodes drop out,
    // so the all-none cell is the mean of input and output, whatever else differs
    Node2VecEmbedder e = new Node2VecEmbedder(NB201, small(7));
    Embedding allNone = e.embed(NB201.fromIndex(0));
    assertThat(allNone).isEqualTo(e.embed(NB201.of(0, 0, 0, 0, 0, 0)));
    // and tokens are per edge, so the same operation on another edge is another token
    assertThat(e.embed(NB201.of(3, 0, 0, 0, 0, 0))).isNotEqualTo(e.embed(NB201.of(0, 3, 0, 0, 0, 0)));
  }
}
