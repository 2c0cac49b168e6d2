package io.mtnas.domain.variation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.space.ChiSquare;
import io.mtnas.domain.space.SearchSpace;
import io.mtnas.domain.space.SearchSpaces;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CrossoversTest {
  private static final SearchSpace NB201 = SearchSpaces.nb201();
  private static final SearchSpace TRANSNAS = SearchSpaces.transNasMicro();
  // differ on every edge, so each child edge shows which parent it came from
  private static final Architecture ZEROS = TRANSNAS.parse("000000");
  private static final Architecture THREES = TRANSNAS.parse("333333");

  @Test
  void uniformChildTakesEachEdgeFromAParent() {
    SplittableRandom rng = new SplittableRandom(1);
    for (int i = 0; i < 2_000; i++) {
      Architecture first = NB201.random(rng);
      Architecture second = NB201.random(rng);
      Architecture child = Crossovers.uniform().cross(first, second, rng);
      for (int e = 0; e < child.edgeCount(); e++) {
        assertThat(child.operation(e)).isIn(first.operation(e), second.operation(e));
      }
    }
  }

  @Test
  void uniformPicksEachParentHalfTheTimeIndependentlyPerEdge() {
    // Which edges came from the first parent is a 6-bit pattern; fair independent coin flips make
    // all 64 patterns equally likely (this also checks each edge's 50%).
    SplittableRandom rng = new SplittableRandom(2);
    long[] patterns = new long[64];
    for (int i = 0; i < 64 * 500; i++) {
      patterns[fromFirstPattern(Crossovers.uniform().cross(ZEROS, THREES, rng))]++;
    }
    // 63 df: critical value 103.4 at 0.001
    assertThat(ChiSquare.uniformStatistic(patterns)).isLessThan(ChiSquare.criticalValue999(63));
  }

  @Test
  void onePointTakesAPrefixFromTheFirstParentAtAUniformCut() {
    SplittableRandom rng = new SplittableRandom(3);
    long[] cuts = new long[5];
    for (int i = 0; i < 5 * 2_000; i++) {
      Architecture child = Crossovers.onePoint().cross(ZEROS, THREES, rng);
      int cut = 0;
      while (cut < 6 && child.operation(cut) == 0) {
        cut++;
      }
      for (int e = cut; e < 6; e++) {
        assertThat(child.operation(e)).as("edge %d of %s", e, child).isEqualTo(3);
      }
      assertThat(cut).isBetween(1, 5);
      cuts[cut - 1]++;
    }
    assertThat(ChiSquare.uniformStatistic(cuts)).isLessThan(ChiSquare.criticalValue999(4));
  }

  @Test
  void identicalParentsGiveThemselves() {
    SplittableRandom rng = new SplittableRandom(4);
    Architecture parent = NB201.parse("421211");
    assertThat(Crossovers.uniform().cross(parent, parent, rng)).isEqualTo(parent);
    assertThat(Crossovers.onePoint().cross(parent, parent, rng)).isEqualTo(parent);
  }

  @Test
  void refusesParentsOfDifferentSpaces() {
    SplittableRandom rng = new SplittableRandom(5);
    Architecture nb201 = NB201.fromIndex(0);
    assertThatThrownBy(() -> Crossovers.uniform().cross(nb201, ZEROS, rng))
        .hasMessage("cannot cross architectures of spaces nb201 and transnas-micro");
    assertThatThrownBy(() -> Crossovers.onePoint().cross(ZEROS, nb201, rng))
        .hasMessage("cannot cross architectures of spaces transnas-micro and nb201");
  }

  private static int fromFirstPattern(Architecture child) {
    int pattern = 0;
    for (int e = 0; e < child.edgeCount(); e++) {
      assertThat(child.operation(e)).isIn(0, 3);
      pattern = pattern << 1 | (child.operation(e) == 0 ? 1 : 0);
    }
    return pattern;
  }
}
