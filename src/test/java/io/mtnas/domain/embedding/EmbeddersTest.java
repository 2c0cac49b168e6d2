package io.mtnas.domain.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.space.SearchSpace;
import io.mtnas.domain.space.SearchSpaces;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EmbeddersTest {
  private static final SearchSpace MICRO = SearchSpaces.transNasMicro();

  /** Counts the computations it is asked for. */
  private static final class CountingEmbedder implements Embedder {
    final Embedder inner = new OneHotEmbedder(MICRO);
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public String id() {
      return "counting";
    }

    @Override
    public int dimension() {
      return inner.dimension();
    }

    @Override
    public Embedding embed(Architecture architecture) {
      calls.incrementAndGet();
      return inner.embed(architecture);
    }
  }

  @Test
  void theCacheComputesEachArchitectureOnceAndReturnsTheSameInstance() {
    CountingEmbedder inner = new CountingEmbedder();
    CachedEmbedder cached = new CachedEmbedder(inner, MICRO.size());
    assertThat(cached.id()).isEqualTo("counting");
    assertThat(cached.dimension()).isEqualTo(inner.dimension());
    SplittableRandom rng = new SplittableRandom(1);
    java.util.Set<Architecture> distinct = new java.util.HashSet<>();
    for (int i = 0; i < 2_000; i++) {
      Architecture a = MICRO.random(rng);
      distinct.add(a);
      Embedding first = cached.embed(a);
      assertThat(cached.embed(MICRO.fromIndex(a.index()))).isSameAs(first);
      assertThat(first).isEqualTo(inner.inner.embed(a));
    }
    assertThat(inner.calls.get()).isEqualTo(distinct.size());
  }

  @Test
  void theCacheCoversTheWholeSpace() {
    CachedEmbedder cached = new CachedEmbedder(new OneHotEmbedder(MICRO), MICRO.size());
    Architecture last = MICRO.fromIndex(MICRO.size() - 1);
    assertThat(cached.embed(last)).isEqualTo(new OneHotEmbedder(MICRO).embed(last));
    assertThat(cached.embed(MICRO.fromIndex(0))).isSameAs(cached.embed(MICRO.fromIndex(0)));
  }

  @Test
  void ofBuildsEachKnownEmbedderOncePerSpace() {
    for (String id : Embedders.IDS) {
      Embedder e = Embedders.of(id, MICRO);
      assertThat(e.id()).isEqualTo(id);
      assertThat(e).isInstanceOf(CachedEmbedder.class);
      assertThat(Embedders.of(id, MICRO)).isSameAs(e);
    }
    assertThat(Embedders.of("onehot", SearchSpaces.nb201())).isNotSameAs(Embedders.of("onehot", MICRO));
    assertThat(Embedders.of("onehot", SearchSpaces.nb201()).dimension()).isEqualTo(30);
    assertThat(Embedders.of("onehot", MICRO).dimension()).isEqualTo(24);
  }

  @Test
  void ofRejectsAnUnknownIdListingTheKnownOnes() {
    assertThatThrownBy(() -> Embedders.of("arch2vec", MICRO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("arch2vec")
        .hasMessageContainingAll("wl", "path", "node2vec", "onehot", "live-onehot");
    assertThat(Embedders.IDS).containsExactly("wl", "path", "node2vec", "onehot", "live-onehot");
  }
}
