package io.mtnas.adapter.evaluator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtnas.domain.evaluation.Direction;
import io.mtnas.domain.evaluation.EvaluationJob;
import io.mtnas.domain.evaluation.EvaluationOutcome;
import io.mtnas.domain.evaluation.EvaluationTask;
import io.mtnas.domain.evaluation.Evaluator;
import io.mtnas.domain.evaluation.JobId;
import io.mtnas.domain.space.SearchSpaces;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SimulatedTimeEvaluatorTest {
  private static final EvaluationJob JOB = new EvaluationJob(new JobId("t", 1),
      new EvaluationTask("t", "nb201", "acc", Direction.MAX, List.of(), Optional.of("time")),
      SearchSpaces.nb201().fromIndex(3), 1);
  private static final Evaluator TABLE = job -> new EvaluationOutcome.Scored(job.id(), job.architecture(), 90,
      Map.of(), 2_000);

  @Test
  void itSleepsAtLeastTheScaledTrainingTimeAndReturnsTheLookup() {
    Evaluator slow = SimulatedTimeEvaluator.wrap(TABLE, 1e-4, Duration.ZERO); // 2,000 s -> 200 ms
    long start = System.nanoTime();
    EvaluationOutcome outcome = slow.evaluate(JOB);
    assertThat(System.nanoTime() - start).as("a lower bound, not a timing").isGreaterThanOrEqualTo(200_000_000L);
    assertThat(outcome).isEqualTo(TABLE.evaluate(JOB));
    assertThat(slow.nonBlocking()).as("it sleeps: off the worker's thread").isFalse();
  }

  @Test
  void aFixedTimeOverridesTheScaleAndNeitherLeavesTheEvaluatorAlone() {
    long start = System.nanoTime();
    SimulatedTimeEvaluator.wrap(TABLE, 1, Duration.ofMillis(30)).evaluate(JOB);
    long took = System.nanoTime() - start;
    assertThat(took).as("the fixed 30 ms, not 2,000 s").isGreaterThanOrEqualTo(30_000_000L);
    assertThat(SimulatedTimeEvaluator.wrap(TABLE, 0, Duration.ZERO)).isSameAs(TABLE);
    assertThatThrownBy(() -> SimulatedTimeEvaluator.wrap(TABLE, -1, Duration.ZERO)).hasMessageContaining("-1");
    assertThatThrownBy(() -> SimulatedTimeEvaluator.wrap(TABLE, Double.NaN, Duration.ZERO))
        .hasMessageContaining("NaN");
  }
}
