package io.mtnas.domain.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtnas.domain.predictor.GaussianProcessRegressor;
import io.mtnas.domain.search.StrategySpec.Kind;
import io.mtnas.domain.search.TransferSpec.Mode;
import org.junit.jupiter.api.Test;

class StrategyPresetsTest {
  /** A spec strategy with non-default population, transfer settings and embedding. */
  private static final StrategySpec BASE = new StrategySpec(
      Kind.REA, 12, 4, true, 3, "path", new GuidanceSpec(1, 0, false, false, false, false),
      new TransferSpec(Mode.NONE, 3, 0.3, 7));

  private static StrategySpec preset(String name) {
    return StrategyPresets.apply(name, BASE);
  }

  private static void assertKeepsTheSpecsSettings(StrategySpec s) {
    assertThat(s.populationSize()).isEqualTo(12);
    assertThat(s.tournamentSize()).isEqualTo(4);
    assertThat(s.avoidSeen()).isTrue();
    assertThat(s.parallelism()).isEqualTo(3);
    assertThat(s.transfer().count()).isEqualTo(3);
    assertThat(s.transfer().eliteRatio()).isEqualTo(0.3);
    assertThat(s.transfer().negativeWindow()).isEqualTo(7);
  }

  @Test
  void theNamesInOrder() {
    assertThat(StrategyPresets.names()).containsExactly(
        "random", "rea", "rea-zc", "random-transfer", "rank-onehot", "rank", "ktnas", "ktnas-nozc", "ktnas-wide",
        "ktnas-gp", "spec");
  }

  @Test
  void everyPresetKeepsTheSpecsPopulationAndTransferSettings() {
    for (String name : StrategyPresets.names()) {
      assertKeepsTheSpecsSettings(preset(name));
    }
  }

  @Test
  void randomAndReaAreUnguidedWithoutTransfer() {
    StrategySpec random = preset("random");
    assertThat(random.kind()).isEqualTo(Kind.RANDOM);
    assertThat(random.guidance()).isEqualTo(GuidanceSpec.none());
    assertThat(random.transfer().mode()).isEqualTo(Mode.NONE);
    StrategySpec rea = preset("rea");
    assertThat(rea.kind()).isEqualTo(Kind.REA);
    assertThat(rea.guidance()).isEqualTo(GuidanceSpec.none());
    assertThat(rea.guidance().guided()).isFalse();
    assertThat(rea.transfer().enabled()).isFalse();
    assertThat(rea.embedding()).isEqualTo("path");
  }

  @Test
  void reaZcRanksCandidatesByZeroCostOnly() {
    StrategySpec s = preset("rea-zc");
    assertThat(s.kind()).isEqualTo(Kind.REA);
    assertThat(s.guidance()).isEqualTo(
        new GuidanceSpec(StrategyPresets.DEFAULT_CANDIDATES, 0, false, false, true, true));
    assertThat(s.guidance().guided()).isTrue();
    assertThat(s.transfer().mode()).isEqualTo(Mode.NONE);
  }

  @Test
  void transferPresets() {
    StrategySpec random = preset("random-transfer");
    assertThat(random.transfer().mode()).isEqualTo(Mode.RANDOM);
    assertThat(random.guidance()).isEqualTo(GuidanceSpec.none());

    StrategySpec onehot = preset("rank-onehot");
    assertThat(onehot.transfer().mode()).isEqualTo(Mode.RANK);
    assertThat(onehot.embedding()).isEqualTo("onehot");
    assertThat(onehot.guidance()).isEqualTo(GuidanceSpec.none());

    StrategySpec rank = preset("rank");
    assertThat(rank.transfer().mode()).isEqualTo(Mode.RANK);
    assertThat(rank.embedding()).isEqualTo("path");
    assertThat(rank.guidance()).isEqualTo(GuidanceSpec.none());
    assertThat(rank.kind()).isEqualTo(Kind.REA);
  }

  @Test
  void ktnasIsRankTransferWithThePredictorAndZeroCost() {
    StrategySpec s = preset("ktnas");
    assertThat(s.kind()).isEqualTo(Kind.REA);
    assertThat(s.transfer().mode()).isEqualTo(Mode.RANK);
    assertThat(s.embedding()).isEqualTo("path");
    assertThat(s.guidance()).isEqualTo(new GuidanceSpec(
        StrategyPresets.DEFAULT_CANDIDATES, StrategyPresets.DEFAULT_SAMPLES, true, true, true, true));
    assertThat(s.guidance().guided()).isTrue();

    StrategySpec nozc = preset("ktnas-nozc");
    assertThat(nozc.transfer().mode()).isEqualTo(Mode.RANK);
    assertThat(nozc.guidance()).isEqualTo(new GuidanceSpec(
        StrategyPresets.DEFAULT_CANDIDATES, StrategyPresets.DEFAULT_SAMPLES, true, true, true, false));
    assertThat(nozc.guidance().guided()).isTrue();

    StrategySpec wide = preset("ktnas-wide");
    assertThat(wide.transfer().mode()).isEqualTo(Mode.RANK);
    assertThat(wide.guidance()).isEqualTo(new GuidanceSpec(
        StrategyPresets.DEFAULT_CANDIDATES, StrategyPresets.WIDE_SAMPLES, true, true, true, true));

    StrategySpec gp = preset("ktnas-gp");
    assertThat(gp.transfer().mode()).isEqualTo(Mode.RANK);
    assertThat(gp.embedding()).isEqualTo("live-onehot");
    assertThat(gp.guidance()).isEqualTo(new GuidanceSpec(
        StrategyPresets.DEFAULT_CANDIDATES, StrategyPresets.WIDE_SAMPLES, true, true, true, false, GuidanceSpec.Model.GP));
  }

  @Test
  void theSpecsOwnCandidateAndSampleCountsAreKept() {
    StrategySpec base = BASE.withGuidance(new GuidanceSpec(7, 33, false, false, false, false));
    StrategySpec s = StrategyPresets.apply("ktnas", base);
    assertThat(s.guidance().candidates()).isEqualTo(7);
    assertThat(s.guidance().samples()).isEqualTo(33);
    assertThat(StrategyPresets.apply("rea-zc", base).guidance().candidates()).isEqualTo(7);
  }

  @Test
  void ktnasGpKeepsTheSpecsGaussianProcessSettings() {
    GaussianProcessRegressor.Settings tuned =
        new GaussianProcessRegressor.Settings(2.0, 0.3, 0.5, 100, GaussianProcessRegressor.Scoring.MEAN);
    StrategySpec base = BASE.withGuidance(GuidanceSpec.none().withGp(tuned));
    assertThat(StrategyPresets.apply("ktnas-gp", base).guidance().gp()).isEqualTo(tuned);
  }

  @Test
  void anOneHotSpecEmbeddingBecomesTheDefaultExceptForRankOneHot() {
    StrategySpec base = BASE.withEmbedding("onehot");
    assertThat(StrategyPresets.apply("rank", base).embedding()).isEqualTo(StrategySpec.DEFAULT_EMBEDDING);
    assertThat(StrategyPresets.apply("ktnas", base).embedding()).isEqualTo(StrategySpec.DEFAULT_EMBEDDING);
    assertThat(StrategyPresets.apply("rea", base).embedding()).isEqualTo(StrategySpec.DEFAULT_EMBEDDING);
    assertThat(StrategyPresets.apply("rank-onehot", base).embedding()).isEqualTo("onehot");
    assertThat(StrategyPresets.apply("spec", base).embedding()).isEqualTo("onehot");
  }

  @Test
  void specLeavesTheStrategyUnchanged() {
    StrategySpec guided = BASE.withGuidance(new GuidanceSpec(5, 10, true, true, false, true))
        .withTransfer(BASE.transfer().withMode(Mode.RANDOM));
    assertThat(StrategyPresets.apply("spec", guided)).isEqualTo(guided);
  }

  @Test
  void anUnknownPresetIsRejectedListingTheNames() {
    assertThatThrownBy(() -> StrategyPresets.apply("bananas", BASE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"bananas\"")
        .hasMessageContaining(StrategyPresets.names().toString());
  }

  @Test
  void guidanceIsGuidedOnlyWithAChoiceAndSomethingToRankBy() {
    assertThat(GuidanceSpec.none().guided()).isFalse();
    assertThat(new GuidanceSpec(1, 0, true, true, true, true).guided()).isFalse();
    assertThat(new GuidanceSpec(2, 0, false, false, false, false).guided()).isFalse();
    assertThat(new GuidanceSpec(2, 0, false, true, false, false).guided()).isTrue();
    assertThat(new GuidanceSpec(1, 5, false, false, false, true).guided()).isTrue();
    assertThatThrownBy(() -> new GuidanceSpec(0, 0, false, false, false, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GuidanceSpec(1, -1, false, false, false, false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void transferSpecsValidateAndParse() {
    assertThat(TransferSpec.none().enabled()).isFalse();
    assertThat(TransferSpec.none()).isEqualTo(new TransferSpec(Mode.NONE, 4, 0.2, 5));
    assertThat(TransferSpec.none().withMode(Mode.RANK).enabled()).isTrue();
    assertThat(Mode.parse("Rank")).isEqualTo(Mode.RANK);
    assertThatThrownBy(() -> Mode.parse("smart"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContainingAll("none", "random", "rank", "smart");
    assertThatThrownBy(() -> new TransferSpec(Mode.RANK, 0, 0.2, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TransferSpec(Mode.RANK, 4, 0, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TransferSpec(Mode.RANK, 4, 1.5, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TransferSpec(Mode.RANK, 4, 0.2, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new TransferSpec(Mode.RANK, 4, 1.0, 1).eliteRatio()).isEqualTo(1.0);
  }
}
