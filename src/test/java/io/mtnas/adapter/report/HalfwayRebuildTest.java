package io.mtnas.adapter.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtnas.domain.evaluation.Direction;
import io.mtnas.domain.search.StrategySpec;
import io.mtnas.domain.search.TaskSpec;
import io.mtnas.domain.search.TransferSpec;
import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.space.SearchSpace;
import io.mtnas.domain.space.SearchSpaces;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.ToDoubleBiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A search rebuilt halfway from its stored log (each task's inputs and the work ledger's events)
 * continues to the same evaluations.csv, byte for byte, as the run that was never interrupted:
 * one worker, same seed, three tasks with transfer rank between them.
 */
class HalfwayRebuildTest {
  private static final SearchSpace SPACE = SearchSpaces.nb201();
  private static final List<TaskSpec> TASKS = List.of(task("a"), task("b"), task("c"));
  private static final List<String> ORDER = List.of("a", "b", "c");
  private static final StrategySpec STRATEGY = new StrategySpec(StrategySpec.Kind.REA, 10, 5, true, 2)
      .withEmbedding("onehot").withTransfer(StrategySpec.rea(10, 5).transfer().withMode(TransferSpec.Mode.RANK));
  /** Correlated landscapes, so transfers between the tasks carry something. */
  private static final ToDoubleBiFunction<String, Architecture> FITNESS = (task, a) -> {
    long h = a.index() * 2654435761L + (task.equals("c") ? 7919 * a.index() : 0);
    return (Math.floorMod(h, 15625) / 15625.0) + task.charAt(0) * 1e-3;
  };

  private static TaskSpec task(String name) {
    return new TaskSpec(name, "synthetic", "fitness", Direction.MAX, OptionalDouble.empty(), 60, List.of(),
        List.of(), Optional.empty());
  }

  private static String uninterrupted(long seed) {
    SequentialSearch s = SequentialSearch.start(TASKS, SPACE, STRATEGY, seed, FITNESS);
    while (s.step()) {
      // to the end
    }
    return EvaluationsCsv.render(ORDER, s.records);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 37, 90, 150})
  void aSearchRebuiltFromItsLogContinuesToTheSameEvaluations(int killedAfter) {
    String expected = uninterrupted(5);

    SequentialSearch first = SequentialSearch.start(TASKS, SPACE, STRATEGY, 5, FITNESS);
    for (int i = 0; i < killedAfter; i++) {
      assertThat(first.step()).isTrue();
    }
    first.startNextAndDie(); // killed while a job was in flight
    Map<String, List<io.mtnas.domain.tasksearch.TaskInput>> stored = new LinkedHashMap<>();
    first.taskLogs.forEach((k, v) -> stored.put(k, List.copyOf(v)));

    SequentialSearch second = SequentialSearch.rebuild(TASKS, SPACE, STRATEGY, 5, FITNESS, stored,
        List.copyOf(first.ledgerLog));
    assertThat(second.records).as("records recovered from the log").containsExactlyInAnyOrderElementsOf(first.records);
    second.loseWorker();
    while (second.step()) {
      // to the end
    }
    String csv = EvaluationsCsv.render(ORDER, second.records);
    assertThat(second.records).hasSize(180);
    assertThat(csv).isEqualTo(expected);
  }

  @Test
  void theTransfersMatterSoTheComparisonCanFail() {
    String csv = uninterrupted(5);
    assertThat(csv).contains(",transfer,");
    assertThat(csv).isNotEqualTo(uninterrupted(6));
  }
}
