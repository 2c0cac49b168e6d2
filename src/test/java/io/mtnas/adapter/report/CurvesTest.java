package io.mtnas.adapter.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mtnas.domain.evaluation.JobId;
import io.mtnas.domain.search.EvaluationRecord;
import io.mtnas.domain.space.SearchSpaces;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CurvesTest {

  private static EvaluationRecord record(String task, int evaluation, double fitness, double best) {
    return new EvaluationRecord(task, evaluation, new JobId(task, evaluation), SearchSpaces.nb201().fromIndex(evaluation),
        "random", fitness, best, Map.of(), 0);
  }

  @Test
  void aCurveKeepsOnlyTheStepsOfTheBestSoFar() {
    Curves.Curve c = Curves.Curve.of(new double[] {3, 3, 5, 5, 5, 8});
    assertThat(c.length()).isEqualTo(6);
    assertThat(c.at()).containsExactly(1, 3, 6);
    assertThat(c.value()).containsExactly(3, 5, 8);
    assertThat(c.valueAt(1)).isEqualTo(3);
    assertThat(c.valueAt(2)).isEqualTo(3);
    assertThat(c.valueAt(4)).isEqualTo(5);
    assertThat(c.valueAt(6)).isEqualTo(8);
    assertThat(c.valueAt(1000)).as("carried past the end").isEqualTo(8);
    assertThat(c.last()).isEqualTo(8);
  }

  @Test
  void aCurveHasNoValueBeforeItsFirstBest() {
    Curves.Curve c = Curves.Curve.of(new double[] {Double.NaN, Double.NaN, 2});
    assertThat(c.valueAt(1)).isNaN();
    assertThat(c.valueAt(2)).isNaN();
    assertThat(c.valueAt(3)).isEqualTo(2);
    assertThat(Curves.Curve.of(new double[0]).last()).isNaN();
  }

  @Test
  void stepsMustAscendWithinTheLength() {
    assertThatThrownBy(() -> new Curves.Curve(3, new int[] {2, 2}, new double[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Curves.Curve(3, new int[] {4}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void gapIsTheDistanceToTheOptimumAndMergesEqualSteps() {
    Curves.Curve fitness = Curves.Curve.of(new double[] {90, 91, 91.5, 91.5, 92});
    Curves.Curve gap = fitness.gap(92);
    assertThat(gap.at()).containsExactly(1, 2, 3, 5);
    assertThat(gap.value()).containsExactly(2, 1, 0.5, 0);
    // minimised fitness: the gap is still >= 0
    Curves.Curve loss = Curves.Curve.of(new double[] {0.9, 0.4, 0.3});
    assertThat(java.util.Arrays.stream(loss.gap(0.1).value()).allMatch(v -> v > 0)).isTrue();
    assertThat(loss.gap(0.1).last()).isCloseTo(0.2, within(1e-12));
    // a map that makes two steps equal merges them
    assertThat(Curves.Curve.of(new double[] {1, 2, 3}).map(v -> v < 3 ? 0 : 1).at()).containsExactly(1, 3);
  }

  @Test
  void bestSoFarPerTaskFromRecordsInAnyOrder() {
    List<EvaluationRecord> rows = new ArrayList<>(List.of(
        record("a", 1, 5, 5), record("a", 2, 3, 5), record("a", 3, 7, 7),
        record("b", 1, 1, 1), record("b", 3, 4, 4), // evaluation 2 of b failed: no record
        record("other", 1, 9, 9)));
    Collections.shuffle(rows, new Random(3));
    Map<String, Curves.Curve> curves = Curves.bestSoFar(List.of("a", "b", "c"), rows);
    assertThat(curves).containsOnlyKeys("a", "b", "c");
    assertThat(curves.get("a")).isEqualTo(new Curves.Curve(3, new int[] {1, 3}, new double[] {5, 7}));
    assertThat(curves.get("b").length()).isEqualTo(3);
    assertThat(curves.get("b").valueAt(2)).as("a missing evaluation keeps the previous best").isEqualTo(1);
    assertThat(curves.get("b").valueAt(3)).isEqualTo(4);
    assertThat(curves.get("c").length()).isZero();
  }

  @Test
  void meanAndInterquartileBandAtEachEvaluation() {
    List<Curves.Curve> runs = List.of(
        Curves.Curve.of(new double[] {1, 1, 1}),
        Curves.Curve.of(new double[] {2, 2, 2}),
        Curves.Curve.of(new double[] {3, 3, 3}),
        Curves.Curve.of(new double[] {4, 4, 10}));
    Curves.Band band = Curves.aggregate(runs, new int[] {1, 3});
    assertThat(band.runs()).isEqualTo(4);
    assertThat(band.n()).containsExactly(4, 4);
    assertThat(band.mean()).containsExactly(2.5, 4.0);
    // numpy.percentile([1,2,3,4], 25) = 1.75, 75 -> 3.25; [1,2,3,10] -> 1.75, 4.75
    assertThat(band.lo()).containsExactly(1.75, 1.75);
    assertThat(band.hi()).containsExactly(3.25, 4.75);
    assertThat(band.length()).isEqualTo(3);
  }

  @Test
  void aFinishedRunCarriesItsLastValueToTheLongestRun() {
    // the short run solved its task at evaluation 2 and stopped; the long one goes on to 6
    Curves.Curve solved = Curves.Curve.of(new double[] {5, 0});
    Curves.Curve slow = Curves.Curve.of(new double[] {9, 8, 7, 6, 5, 4});
    Curves.Band band = Curves.aggregate(List.of(solved, slow), false);
    assertThat(band.x()).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(band.n()).containsOnly(2);
    assertThat(band.mean()).containsExactly(7, 4, 3.5, 3, 2.5, 2);
    assertThat(band.lo()[5]).isEqualTo(1); // 25th percentile of {0, 4}
    assertThat(band.hi()[5]).isEqualTo(3);
  }

  @Test
  void runsWithoutAValueYetAreLeftOutOfThatPoint() {
    Curves.Curve late = Curves.Curve.of(new double[] {Double.NaN, 4});
    Curves.Curve early = Curves.Curve.of(new double[] {2, 2});
    Curves.Band band = Curves.aggregate(List.of(late, early), new int[] {1, 2});
    assertThat(band.n()).containsExactly(1, 2);
    assertThat(band.mean()).containsExactly(2, 3);
    Curves.Band empty = Curves.aggregate(List.of(late), new int[] {1});
    assertThat(empty.mean()[0]).isNaN();
    assertThat(empty.lo()[0]).isNaN();
  }

  @Test
  void percentileOfOneValueIsThatValue() {
    Curves.Band one = Curves.aggregate(List.of(Curves.Curve.of(new double[] {3})), new int[] {1});
    assertThat(one.mean()[0]).isEqualTo(3);
    assertThat(one.lo()[0]).isEqualTo(3);
    assertThat(one.hi()[0]).isEqualTo(3);
  }

  @Test
  void gridsCoverOneToTheLengthAscending() {
    assertThat(Curves.grid(0, true)).isEmpty();
    assertThat(Curves.grid(5, false)).containsExactly(1, 2, 3, 4, 5);
    assertThat(Curves.grid(5, true)).containsExactly(1, 2, 3, 4, 5);
    for (boolean log : new boolean[] {false, true}) {
      int[] g = Curves.grid(15_625, log);
      assertThat(g[0]).isEqualTo(1);
      assertThat(g[g.length - 1]).isEqualTo(15_625);
      for (int i = 1; i < g.length; i++) {
        assertThat(g[i]).isGreaterThan(g[i - 1]);
      }
      assertThat(g.length).isLessThan(2_100);
    }
    int[] log = Curves.grid(15_625, true);
    assertThat(log).contains(1, 2, 100, 200);
    // about 200 points per decade above 200
    long between1kAnd10k = java.util.Arrays.stream(log).filter(x -> x >= 1_000 && x < 10_000).count();
    assertThat(between1kAnd10k).isBetween(190L, 210L);
  }
}
