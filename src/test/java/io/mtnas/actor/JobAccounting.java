package io.mtnas.actor;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtnas.domain.evaluation.Direction;
import io.mtnas.domain.evaluation.JobId;
import io.mtnas.domain.search.EvaluationRecord;
import io.mtnas.domain.search.SearchSpec;
import io.mtnas.domain.search.StrategySpec;
import io.mtnas.domain.search.TaskResult;
import io.mtnas.domain.search.TaskSpec;
import io.mtnas.domain.space.SearchSpaces;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * The exactly-once check of a finished search: every job a population proposed (ids {@code
 * task#0 .. task#n-1}) has exactly one integrated outcome, a record (scored) or a give-up (failed,
 * counted in {@link TaskResult#failures()}), never both, never twice, none missing.
 */
final class JobAccounting {

  /** What became of each proposed job. */
  record Outcomes(
      Map<JobId, EvaluationRecord> scored, Map<JobId, ProgressCapture.Line> givenUp) {
    Set<JobId> all() {
      Set<JobId> ids = new TreeSet<>(scored.keySet());
      ids.addAll(givenUp.keySet());
      return ids;
    }
  }

  private JobAccounting() {}

  /** A search on TransNAS micro with no thresholds, so each task spends exactly its budget. */
  static SearchSpec spec(
      long seed, int workers, int budget, StrategySpec strategy, String... tasks) {
    List<TaskSpec> specs =
        java.util.Arrays.stream(tasks)
            .map(
                name ->
                    new TaskSpec(
                        name,
                        "synthetic",
                        "fitness",
                        Direction.MAX,
                        OptionalDouble.empty(),
                        budget,
                        List.of("test_metric"),
                        List.of(),
                        Optional.empty()))
            .toList();
    return new SearchSpec(
        "faults", SearchSpaces.transNasMicro().id(), seed, workers, strategy, specs);
  }

  /**
   * Asserts the exactly-once rule for a finished search and returns each job's outcome.
   *
   * @param journal what the record sink received
   */
  static Outcomes assertEachJobIntegratedOnce(
      String searchId,
      SearchCoordinator.Done done,
      List<EvaluationRecord> journal,
      ProgressCapture capture) {
    // The sink saw exactly what the report holds.
    assertThat(journal).containsExactlyInAnyOrderElementsOf(done.records());

    List<ProgressCapture.Line> givenUpEvents =
        capture.events(searchId, "evaluation_failed").stream()
            .filter(l -> "false".equals(l.field("will_retry")))
            .toList();
    List<ProgressCapture.Line> evaluationEvents = capture.events(searchId, "evaluation");

    Map<JobId, EvaluationRecord> scored = new TreeMap<>();
    Map<JobId, ProgressCapture.Line> givenUp = new TreeMap<>();
    for (TaskResult t : done.report().tasks()) {
      List<EvaluationRecord> rows =
          done.records().stream().filter(r -> r.task().equals(t.task())).toList();
      assertThat(rows).as("records of %s", t.task()).hasSize(t.evaluations());
      assertThat(rows.stream().map(EvaluationRecord::evaluation).sorted().toList())
          .as("evaluation numbers of %s", t.task())
          .isEqualTo(IntStream.rangeClosed(1, t.evaluations()).boxed().toList());
      for (EvaluationRecord r : rows) {
        assertThat(scored.put(r.job(), r)).as("%s integrated twice", r.job()).isNull();
      }

      List<JobId> failedIds =
          givenUpEvents.stream()
              .filter(l -> t.task().equals(l.field("task")))
              .map(l -> JobId.parse(l.field("work")))
              .toList();
      assertThat(failedIds).as("given-up jobs of %s", t.task()).hasSize(t.failures());
      for (ProgressCapture.Line l : givenUpEvents) {
        if (t.task().equals(l.field("task"))) {
          JobId id = JobId.parse(l.field("work"));
          assertThat(givenUp.put(id, l)).as("%s given up twice", id).isNull();
          assertThat(scored).as("%s both scored and given up", id).doesNotContainKey(id);
        }
      }

      // Populations number their jobs 0, 1, 2, ...; none may be missing.
      Set<JobId> proposed =
          LongStream.range(0, (long) t.evaluations() + t.failures())
              .mapToObj(i -> new JobId(t.task(), i))
              .collect(Collectors.toCollection(TreeSet::new));
      Set<JobId> accounted = new HashSet<>();
      rows.forEach(r -> accounted.add(r.job()));
      accounted.addAll(failedIds);
      assertThat(accounted)
          .as("outcomes of %s", t.task())
          .containsExactlyInAnyOrderElementsOf(proposed);
    }

    // One "evaluation" event per integrated score, for this search's jobs only.
    assertThat(evaluationEvents.stream().map(l -> JobId.parse(l.field("work"))).toList())
        .containsExactlyInAnyOrderElementsOf(scored.keySet());
    // A population never saw an outcome it had already integrated (it would log and drop it).
    assertThat(capture.projectWarnings())
        .extracting(ProgressCapture.Line::message)
        .noneMatch(m -> m.contains("not outstanding"));
    return new Outcomes(scored, givenUp);
  }

  /** The "evaluation" progress event of each scored job: which worker's result was integrated. */
  static Map<JobId, String> integratedBy(String searchId, ProgressCapture capture) {
    return capture.events(searchId, "evaluation").stream()
        .collect(
            Collectors.toMap(
                l -> JobId.parse(l.field("work")), l -> l.field("worker"), (a, b) -> a + "," + b,
                TreeMap::new));
  }
}
