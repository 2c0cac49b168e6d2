package io.mtnas.domain.predictor;

import static io.mtnas.domain.predictor.Rows.INDEX_EMBEDDER;
import static io.mtnas.domain.predictor.Rows.assertRow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.space.SearchSpace;
import io.mtnas.domain.space.SearchSpaces;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureMapTest {
  private static final SearchSpace NB201 = SearchSpaces.nb201();
  private static final double NAN = Double.NaN;
  private static final Architecture A = NB201.of(3, 1, 0, 2, 4, 1);
  private static final Architecture B = NB201.of(0, 0, 0, 3, 0, 0);

  /** synflow spans orders of magnitude and is sometimes infinite; params are plain. */
  private static final ProxySource PROXIES = (metric, a) -> switch (metric) {
    case "synflow" -> a.equals(A) ? Math.expm1(3) : Double.POSITIVE_INFINITY;
    case "params" -> a.equals(A) ? -Math.expm1(2) : NAN;
    default -> throw new IllegalArgumentException(metric);
  };

  private static final FeatureMap FEATURES =
      new FeatureMap(INDEX_EMBEDDER, PROXIES, List.of("synflow", "params"), List.of("a", "b", "c"));

  @Test
  void widthIsEmbeddingPlusProxiesPlusTwoColumnsPerTask() {
    assertThat(FEATURES.width()).isEqualTo(2 + 2 + 2 * 3);
    assertThat(new FeatureMap(INDEX_EMBEDDER, ProxySource.NONE, List.of(), List.of("x")).width()).isEqualTo(4);
    assertThat(FEATURES.tasks()).containsExactly("a", "b", "c");
  }

  @Test
  void aRowIsEmbeddingSignedLogProxiesTaskOneHotAndCrossTaskValues() {
    CrossTaskValues cross = CrossTaskValues.of(
        List.of(
            new Observation(1, "a", A, 5.0),
            new Observation(2, "b", A, 6.0),
            new Observation(3, "c", A, 7.0),
            new Observation(4, "c", B, 8.0)),
        o -> o.fitness() / 10);
    double[] row = FEATURES.row("b", A, cross);
    assertRow(row, A.index(), 3, 3.0, -2.0, 0, 1, 0, 0.5, NAN, 0.7);
    // the row's own task is always missing, whatever the cross values hold
    assertRow(FEATURES.row("a", A, cross), A.index(), 3, 3.0, -2.0, 1, 0, 0, NAN, 0.6, 0.7);
    assertRow(FEATURES.row("c", A, cross), A.index(), 3, 3.0, -2.0, 0, 0, 1, 0.5, 0.6, NAN);
    // non-finite proxies and tasks that did not evaluate the architecture are missing
    assertRow(FEATURES.row("a", B, cross), B.index(), 0, NAN, NAN, 1, 0, 0, NAN, NAN, 0.8);
  }

  @Test
  void withoutCrossValuesEveryCrossColumnIsMissing() {
    assertRow(FEATURES.row("c", A), A.index(), 3, 3.0, -2.0, 0, 0, 1, NAN, NAN, NAN);
  }

  @Test
  void signedLogKeepsTheSignAndCompressesMagnitude() {
    assertThat(FeatureMap.signedLog(0)).isZero();
    assertThat(FeatureMap.signedLog(Math.expm1(1))).isCloseTo(1, within(1e-12));
    assertThat(FeatureMap.signedLog(-Math.expm1(4))).isCloseTo(-4, within(1e-12));
    assertThat(FeatureMap.signedLog(1e60)).isCloseTo(60 * Math.log(10), within(1e-9));
    assertThat(FeatureMap.signedLog(Double.POSITIVE_INFINITY)).isNaN();
    assertThat(FeatureMap.signedLog(Double.NEGATIVE_INFINITY)).isNaN();
    assertThat(FeatureMap.signedLog(Double.NaN)).isNaN();
    // monotone
    assertThat(FeatureMap.signedLog(-3)).isLessThan(FeatureMap.signedLog(-2));
    assertThat(FeatureMap.signedLog(1e10)).isLessThan(FeatureMap.signedLog(1e11));
  }

  @Test
  void anUnknownTaskIsRejectedListingTheKnownOnes() {
    assertThatThrownBy(() -> FEATURES.row("d", A))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"d\"")
        .hasMessageContaining("[a, b, c]");
  }

  @Test
  void crossTaskValuesAreMissingWhereATaskDidNotEvaluate() {
    assertThat(CrossTaskValues.none().value("a", A)).isNaN();
    CrossTaskValues cross = CrossTaskValues.of(List.of(new Observation(1, "a", A, 2.0)), o -> -o.fitness());
    assertThat(cross.value("a", A)).isEqualTo(-2.0);
    assertThat(cross.value("a", B)).isNaN();
    assertThat(cross.value("b", A)).isNaN();
  }

  @Test
  void taskModelsScoreCandidatesAsRowsOfTheirTarget() {
    CrossTaskValues cross = CrossTaskValues.of(
        List.of(new Observation(1, "b", A, 1.0), new Observation(2, "c", B, 1.0)), o -> o.sequence());
    double[][] seen = new double[2][];
    TaskModel model = new TaskModel("a", rows -> {
      seen[0] = rows[0];
      seen[1] = rows[1];
      return new double[] {rows[0][8], rows[1][9]};
    }, cross);
    double[] scores = model.score(List.of(A, B), FEATURES);
    assertThat(scores).containsExactly(1.0, 2.0);
    assertRow(seen[0], FEATURES.row("a", A, cross));
    assertRow(seen[1], FEATURES.row("a", B, cross));
    assertThat(seen[0][4]).as("one-hot of the target").isEqualTo(1.0);
  }
}
