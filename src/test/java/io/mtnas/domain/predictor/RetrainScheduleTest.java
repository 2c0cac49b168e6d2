package io.mtnas.domain.predictor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RetrainScheduleTest {
  @Test
  void everyOutcomeUpToTheLimitThenAfterEachGrowth() {
    RetrainSchedule s = new RetrainSchedule(100, 0.1);
    assertThat(s.trainingPoint(1)).isEqualTo(1);
    assertThat(s.trainingPoint(100)).isEqualTo(100);
    assertThat(s.trainingPoint(109)).isEqualTo(100);
    assertThat(s.trainingPoint(110)).isEqualTo(110);
    assertThat(s.trainingPoint(120)).isEqualTo(110);
    assertThat(s.trainingPoint(121)).isEqualTo(121);
  }

  @Test
  void trainingPointsAreFewAndNeverAfterTheRequest() {
    RetrainSchedule s = RetrainSchedule.defaults();
    TreeSet<Long> points = new TreeSet<>();
    LongStream.rangeClosed(1, 100_000).forEach(asOf -> {
      long p = s.trainingPoint(asOf);
      assertThat(p).isBetween(1L, asOf);
      assertThat(asOf - p).isLessThanOrEqualTo((long) (p * 0.05) + 1);
      points.add(p);
    });
    // 1,000 single steps, then about ln(100) / ln(1.05) ~ 95 growth steps
    assertThat(points).hasSizeBetween(1_090, 1_100);
  }

  @Test
  void smallGrowthStillMovesForward() {
    RetrainSchedule s = new RetrainSchedule(1, 0.001);
    assertThat(s.trainingPoint(5)).isEqualTo(5);
  }

  @Test
  void everyOutcomeNeverSkips() {
    assertThat(RetrainSchedule.EVERY_OUTCOME.trainingPoint(1_000_000)).isEqualTo(1_000_000);
  }

  @Test
  void aStrideRetrainsOncePerRoundOfJobsInFlightAfterTheFirstRound() {
    RetrainSchedule s = new RetrainSchedule(1000, 0.05).withStride(64);
    assertThat(s.trainingPoint(1)).isEqualTo(1);
    assertThat(s.trainingPoint(64)).isEqualTo(64);
    assertThat(s.trainingPoint(65)).isEqualTo(64);
    assertThat(s.trainingPoint(127)).isEqualTo(64);
    assertThat(s.trainingPoint(128)).isEqualTo(128);
    assertThat(s.trainingPoint(1001)).isEqualTo(1000);
    TreeSet<Long> points = new TreeSet<>();
    long last = 0;
    for (long asOf = 1; asOf <= 1000; asOf++) {
      long p = s.trainingPoint(asOf);
      assertThat(p).isBetween(last, asOf);
      assertThat(asOf - p).isLessThan(64);
      points.add(p);
      last = p;
    }
    assertThat(points).hasSize(64 + 14); // outcomes 1..64, then 128, 192, ..., 960
  }

  @Test
  void strideOneIsTheScheduleAsItWas() {
    RetrainSchedule plain = RetrainSchedule.defaults();
    RetrainSchedule one = plain.withStride(1);
    LongStream.rangeClosed(1, 5_000).forEach(asOf ->
        assertThat(one.trainingPoint(asOf)).isEqualTo(plain.trainingPoint(asOf)));
  }

  @Test
  void badSettingsAreRejected() {
    assertThatThrownBy(() -> RetrainSchedule.defaults().withStride(0)).hasMessageContaining("stride");
    assertThatThrownBy(() -> new RetrainSchedule(0, 0.05)).hasMessageContaining("every-outcome-until");
    assertThatThrownBy(() -> new RetrainSchedule(10, 0)).hasMessageContaining("growth");
    assertThatThrownBy(() -> new RetrainSchedule(10, 1.5)).hasMessageContaining("growth");
    assertThatThrownBy(() -> new RetrainSchedule(10, Double.NaN)).hasMessageContaining("growth");
  }
}
