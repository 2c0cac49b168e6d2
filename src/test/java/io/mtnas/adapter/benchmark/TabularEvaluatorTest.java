package io.mtnas.adapter.benchmark;

import static io.mtnas.adapter.benchmark.SyntheticBenchmarks.EXTRA_EMPTY_CODE;
import static io.mtnas.adapter.benchmark.SyntheticBenchmarks.PROXY_EMPTY_CODE;
import static io.mtnas.adapter.benchmark.SyntheticBenchmarks.PROXY_NEG_INF_CODE;
import static io.mtnas.adapter.benchmark.SyntheticBenchmarks.nb201Arch;
import static io.mtnas.adapter.benchmark.SyntheticBenchmarks.transNasArch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.mtnas.domain.evaluation.Direction;
import io.mtnas.domain.evaluation.EvaluationJob;
import io.mtnas.domain.evaluation.EvaluationOutcome;
import io.mtnas.domain.evaluation.EvaluationOutcome.Failed;
import io.mtnas.domain.evaluation.EvaluationOutcome.FailureKind;
import io.mtnas.domain.evaluation.EvaluationOutcome.Scored;
import io.mtnas.domain.evaluation.EvaluationTask;
import io.mtnas.domain.evaluation.JobId;
import io.mtnas.domain.space.Architecture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluator over the synthetic tables: every answer is a Scored or a Failed, never a throw. */
class TabularEvaluatorTest {
  @TempDir static Path dir;
  static TabularEvaluator evaluator;

  @BeforeAll
  static void load() {
    evaluator = new TabularEvaluator(BenchmarkTables.open(SyntheticBenchmarks.writeAll(dir)));
  }

  private static EvaluationTask task(String benchmark, String fitness, List<String> extra, Optional<String> cost) {
    return new EvaluationTask("t", benchmark, fitness, Direction.MAX, extra, cost);
  }

  private static EvaluationOutcome evaluate(EvaluationTask task, Architecture a) {
    return evaluator.evaluate(new EvaluationJob(new JobId("t", 7), task, a, 1));
  }

  @Test
  void scoredWithFitnessExtraMetricsAndCostFromTheCostColumn() {
    EvaluationTask task = task("nb201", "score", List.of("extra_acc", "proxy", "cycle"), Optional.of("cost_s"));

    assertThat(evaluate(task, nb201Arch(1000)))
        .isEqualTo(new Scored(new JobId("t", 7), nb201Arch(1000), 10.0,
            Map.of("extra_acc", 100.0, "proxy", -1000.0, "cycle", SyntheticBenchmarks.cycle(1000)), 1100.0));
  }

  @Test
  void costIsZeroWithoutACostColumn() {
    assertThat(evaluate(task("nb201", "score", List.of(), Optional.empty()), nb201Arch(12)))
        .asInstanceOf(type(Scored.class))
        .satisfies(s -> {
          assertThat(s.costSeconds()).isZero();
          assertThat(s.metrics()).isEmpty();
        });
  }

  @Test
  void emptyCellsAreLeftOutOfTheMetricsAndAnEmptyCostIsZero() {
    EvaluationTask task = task("nb201", "score", List.of("extra_acc", "proxy"), Optional.of("proxy"));

    assertThat(evaluate(task, nb201Arch(PROXY_EMPTY_CODE))).asInstanceOf(type(Scored.class)).satisfies(s -> {
      assertThat(s.metrics()).containsOnlyKeys("extra_acc");
      assertThat(s.costSeconds()).isZero();
    });
    assertThat(evaluate(task, nb201Arch(EXTRA_EMPTY_CODE))).asInstanceOf(type(Scored.class))
        .extracting(Scored::metrics).isEqualTo(Map.of("proxy", (double) -EXTRA_EMPTY_CODE));
  }

  @Test
  void minusInfinityIsAValidFitness() {
    assertThat(evaluate(task("nb201", "proxy", List.of(), Optional.empty()), nb201Arch(PROXY_NEG_INF_CODE)))
        .asInstanceOf(type(Scored.class))
        .extracting(Scored::fitness)
        .isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void transNasTasksLookUpTheirOwnTable() {
    assertThat(evaluate(task("transnas-micro", "task_a", List.of("task_b"), Optional.empty()), transNasArch(40)))
        .isEqualTo(new Scored(new JobId("t", 7), transNasArch(40), 4.0, Map.of("task_b", -40.0), 0));
  }

  @Test
  void emptyFitnessCellIsAnInvalidEvaluation() {
    assertThat(evaluate(task("nb201", "proxy", List.of(), Optional.empty()), nb201Arch(PROXY_EMPTY_CODE)))
        .isEqualTo(new Failed(new JobId("t", 7), nb201Arch(PROXY_EMPTY_CODE), FailureKind.INVALID,
            "benchmark nb201 has no value of proxy for " + nb201Arch(PROXY_EMPTY_CODE)));
  }

  @Test
  void unknownBenchmarkIsInvalidNotAnException() {
    assertInvalid(
        task("nb301", "score", List.of(), Optional.empty()), nb201Arch(3), "benchmark \"nb301\" is not loaded");
  }

  @Test
  void unknownFitnessExtraOrCostColumnIsInvalid() {
    Architecture a = nb201Arch(3);
    assertInvalid(task("nb201", "nope", List.of(), Optional.empty()), a, "no column \"nope\"");
    assertInvalid(task("nb201", "score", List.of("nope"), Optional.empty()), a, "no column \"nope\"");
    assertInvalid(task("nb201", "score", List.of(), Optional.of("nope")), a, "no column \"nope\"");
  }

  @Test
  void architectureOfAnotherSpaceIsInvalid() {
    assertInvalid(task("nb201", "score", List.of(), Optional.empty()), transNasArch(3), "space transnas-micro");
  }

  @Test
  void neverBlocks() {
    assertThat(evaluator.nonBlocking()).isTrue();
  }

  private static void assertInvalid(EvaluationTask task, Architecture a, String reason) {
    assertThat(evaluate(task, a)).asInstanceOf(type(Failed.class)).satisfies(f -> {
      assertThat(f.kind()).isEqualTo(FailureKind.INVALID);
      assertThat(f.retryable()).isFalse();
      assertThat(f.jobId()).isEqualTo(new JobId("t", 7));
      assertThat(f.architecture()).isEqualTo(a);
      assertThat(f.reason()).contains(reason);
    });
  }
}
