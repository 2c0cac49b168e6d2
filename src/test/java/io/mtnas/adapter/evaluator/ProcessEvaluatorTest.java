package io.mtnas.adapter.evaluator;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtnas.domain.evaluation.EvaluationOutcome;
import io.mtnas.domain.evaluation.EvaluationOutcome.FailureKind;
import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.space.SearchSpaces;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The process evaluator against real trainer processes, including their failure modes. */
class ProcessEvaluatorTest {
  private static final Architecture CELL = SearchSpaces.nb201().parse(
      "|nor_conv_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|skip_connect~0|nor_conv_3x3~1|avg_pool_3x3~2|");

  private static ProcessEvaluator evaluator(Map<String, String> env, Duration jobTimeout) {
    return new ProcessEvaluator(Trainers.settings(env, 1, jobTimeout), Map.of("t", Trainers.tinyTask(1)));
  }

  @Test
  void aTrainedArchitectureComesBackScoredWithItsFigures() {
    try (ProcessEvaluator e = evaluator(Map.of(), Duration.ofSeconds(120))) {
      EvaluationOutcome o = e.evaluate(Trainers.job("t", 0, CELL));
      assertThat(o).isInstanceOf(EvaluationOutcome.Scored.class);
      var s = (EvaluationOutcome.Scored) o;
      assertThat(s.fitness()).isBetween(0.0, 100.0);
      assertThat(s.metrics()).containsKeys("synflow", "params", "val_loss");
      assertThat(s.metrics().get("params")).isPositive();
      assertThat(s.costSeconds()).isPositive();
      // the same process serves the next job
      assertThat(e.evaluate(Trainers.job("t", 1, CELL))).isInstanceOf(EvaluationOutcome.Scored.class);
    }
  }

  @Test
  void aCrashedTrainerIsAFailedOutcomeAndIsRestartedForTheNextJob() {
    try (ProcessEvaluator e = evaluator(Map.of("MTNAS_TRAINER_FAULT", "exit-on-job:t#1"), Duration.ofSeconds(120))) {
      assertThat(e.evaluate(Trainers.job("t", 0, CELL))).isInstanceOf(EvaluationOutcome.Scored.class);
      EvaluationOutcome crashed = e.evaluate(Trainers.job("t", 1, CELL));
      assertThat(crashed).isInstanceOfSatisfying(EvaluationOutcome.Failed.class, f -> {
        assertThat(f.kind()).isEqualTo(FailureKind.CRASHED);
        assertThat(f.reason()).contains("exited");
      });
      assertThat(e.evaluate(Trainers.job("t", 2, CELL))).isInstanceOf(EvaluationOutcome.Scored.class);
    }
  }

  @Test
  void aHungTrainerTimesOutIsKilledAndReplaced() {
    try (ProcessEvaluator e = evaluator(Map.of("MTNAS_TRAINER_FAULT", "hang-on-job:t#0"), Duration.ofSeconds(5))) {
      assertThat(e.evaluate(Trainers.job("t", 0, CELL))).isInstanceOfSatisfying(EvaluationOutcome.Failed.class,
          f -> assertThat(f.kind()).isEqualTo(FailureKind.TIMED_OUT));
      assertThat(e.evaluate(Trainers.job("t", 1, CELL))).isInstanceOf(EvaluationOutcome.Scored.class);
    }
  }

  @Test
  void aNanLossIsADivergedFailureThatIsNotRetried() {
    try (ProcessEvaluator e = evaluator(Map.of("MTNAS_TRAINER_FAULT", "nan-on-job:t#0"), Duration.ofSeconds(120))) {
      assertThat(e.evaluate(Trainers.job("t", 0, CELL))).isInstanceOfSatisfying(EvaluationOutcome.Failed.class, f -> {
        assertThat(f.kind()).isEqualTo(FailureKind.DIVERGED);
        assertThat(f.retryable()).isFalse();
      });
      assertThat(e.evaluate(Trainers.job("t", 1, CELL))).isInstanceOf(EvaluationOutcome.Scored.class);
    }
  }

  @Test
  void aTaskWithoutTrainerConfigurationIsInvalid() {
    try (ProcessEvaluator e = evaluator(Map.of(), Duration.ofSeconds(30))) {
      assertThat(e.evaluate(Trainers.job("unknown", 0, CELL))).isInstanceOfSatisfying(EvaluationOutcome.Failed.class,
          f -> assertThat(f.kind()).isEqualTo(FailureKind.INVALID));
    }
  }
}
