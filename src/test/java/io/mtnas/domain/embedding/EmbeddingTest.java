package io.mtnas.domain.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EmbeddingTest {

  private static Embedding randomVector(SplittableRandom rng, int dimension) {
    double[] v = new double[dimension];
    for (int i = 0; i < dimension; i++) {
      v[i] = rng.nextDouble(-3, 3);
    }
    return new Embedding(v);
  }

  @Test
  void cosineIsSymmetricWithinMinusOneAndOneAndOneForIdenticalVectors() {
    SplittableRandom rng = new SplittableRandom(1);
    for (int i = 0; i < 2_000; i++) {
      int dimension = 1 + rng.nextInt(12);
      Embedding a = randomVector(rng, dimension);
      Embedding b = randomVector(rng, dimension);
      double ab = a.cosine(b);
      assertThat(ab).isBetween(-1.0, 1.0);
      assertThat(b.cosine(a)).isEqualTo(ab);
      assertThat(a.cosine(a)).isCloseTo(1.0, within(1e-12));
      assertThat(a.cosine(new Embedding(a.toArray()))).isCloseTo(1.0, within(1e-12));
    }
  }

  @Test
  void cosineOfKnownVectors() {
    Embedding x = new Embedding(new double[] {1, 0});
    assertThat(x.cosine(new Embedding(new double[] {0, 5}))).isCloseTo(0.0, within(1e-15));
    assertThat(x.cosine(new Embedding(new double[] {-2, 0}))).isCloseTo(-1.0, within(1e-15));
    assertThat(x.cosine(new Embedding(new double[] {3, 3}))).isCloseTo(Math.sqrt(0.5), within(1e-15));
    // scale-invariant
    assertThat(new Embedding(new double[] {1, 2, 3}).cosine(new Embedding(new double[] {10, 20, 30})))
        .isCloseTo(1.0, within(1e-12));
  }

  @Test
  void cosineWithAZeroVectorIsZeroAsDocumented() {
    Embedding zero = new Embedding(new double[3]);
    Embedding x = new Embedding(new double[] {1, 2, 3});
    assertThat(zero.cosine(x)).isZero();
    assertThat(x.cosine(zero)).isZero();
    assertThat(zero.cosine(zero)).isZero();
  }

  @Test
  void cosineOfDifferentDimensionsIsRejected() {
    assertThatThrownBy(() -> new Embedding(new double[2]).cosine(new Embedding(new double[3])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2")
        .hasMessageContaining("3");
  }

  @Test
  void valuesAreCopiedInAndOut() {
    double[] values = {1, 2, 3};
    Embedding e = new Embedding(values);
    values[0] = 99;
    assertThat(e.get(0)).isEqualTo(1);
    e.toArray()[1] = 99;
    assertThat(e.get(1)).isEqualTo(2);
    double[] target = new double[5];
    e.copyInto(target, 2);
    assertThat(target).containsExactly(0, 0, 1, 2, 3);
    assertThat(e.dimension()).isEqualTo(3);
  }

  @Test
  void equalityAndDistance() {
    Embedding a = new Embedding(new double[] {0, 3});
    Embedding b = new Embedding(new double[] {4, 0});
    assertThat(a).isEqualTo(new Embedding(new double[] {0, 3})).hasSameHashCodeAs(new Embedding(new double[] {0, 3}));
    assertThat(a).isNotEqualTo(b);
    assertThat(a.distance(b)).isCloseTo(5.0, within(1e-12));
    assertThat(a.distance(a)).isZero();
  }
}
