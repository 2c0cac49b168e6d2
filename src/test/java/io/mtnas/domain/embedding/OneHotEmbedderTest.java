package io.mtnas.domain.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtnas.domain.space.SearchSpace;
import io.mtnas.domain.space.SearchSpaces;
import org.junit.jupiter.api.Test;

class OneHotEmbedderTest {
  // TransNAS micro: ops none, skip, conv1x1, conv3x3; edges 1<-0, 2<-0, 2<-1, 3<-0, 3<-1, 3<-2
  private final SearchSpace space = SearchSpaces.transNasMicro();
  private final Embedder live = Embedders.of("live-onehot", space);
  private final Embedder raw = new OneHotEmbedder(space);

  @Test
  void aCellWhoseEdgesAreAllLiveIsItsOneHot() {
    var cell = space.of(3, 2, 1, 3, 2, 1);
    assertThat(live.embed(cell)).isEqualTo(raw.embed(cell));
    assertThat(live.dimension()).isEqualTo(raw.dimension()).isEqualTo(24);
  }

  /** Node 1 feeds nothing (2<-1 and 3<-1 are none), so the edge 1<-0 carries nothing. */
  @Test
  void deadEdgesCountAsNoneSoCellsThatComputeTheSameShareAVector() {
    var conv = space.of(3, 1, 0, 2, 0, 3);
    var skip = space.of(1, 1, 0, 2, 0, 3);
    var none = space.of(0, 1, 0, 2, 0, 3);
    assertThat(live.embed(conv)).isEqualTo(live.embed(skip)).isEqualTo(raw.embed(none));
    assertThat(raw.embed(conv)).isNotEqualTo(raw.embed(skip));
  }

  /** With the output cut off (every edge into node 3 none), nothing is live. */
  @Test
  void aCellWithoutAPathToTheOutputIsAllNone() {
    assertThat(live.embed(space.of(3, 3, 3, 0, 0, 0))).isEqualTo(raw.embed(space.of(0, 0, 0, 0, 0, 0)));
  }
}
