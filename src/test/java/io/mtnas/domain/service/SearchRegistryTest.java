package io.mtnas.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtnas.domain.evaluation.Direction;
import io.mtnas.domain.evaluation.JobId;
import io.mtnas.domain.search.EvaluationRecord;
import io.mtnas.domain.search.SearchReport;
import io.mtnas.domain.search.SearchSpec;
import io.mtnas.domain.search.StrategySpec;
import io.mtnas.domain.search.TaskResult;
import io.mtnas.domain.search.TaskSpec;
import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.space.SearchSpaces;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The service's registry as a value: lifecycle, limits, idempotency, ignored late events. */
class SearchRegistryTest {
  private static final TaskSpec A = new TaskSpec("a", "nb201", "score", Direction.MAX, OptionalDouble.of(5.0), 20,
      List.of(), List.of(), Optional.empty());
  private static final TaskSpec B = new TaskSpec("b", "nb201", "cycle", Direction.MIN, OptionalDouble.empty(), 30,
      List.of(), List.of(), Optional.empty());
  private static final SearchSpec SPEC = new SearchSpec("s", "nb201", 1, 1, StrategySpec.rea(10, 5), List.of(A, B));

  private static Architecture arch(int i) {
    return SearchSpaces.nb201().fromIndex(i);
  }

  private static EvaluationRecord record(String task, int n, int arch, double fitness, double best) {
    return new EvaluationRecord(task, n, new JobId(task, n - 1), arch(arch), "random", fitness, best, Map.of(), 0);
  }

  private static SearchRegistry submitted(String... ids) {
    SearchRegistry r = SearchRegistry.empty();
    for (String id : ids) {
      r = r.submit(id, SPEC, Optional.empty()).registry();
    }
    return r;
  }

  @Test
  void aNewSearchIsQueuedAtRevisionOneWithEveryTaskAtZero() {
    SearchRegistry.Outcome o = SearchRegistry.empty().submit("x", SPEC, Optional.empty());
    assertThat(o.kind()).isEqualTo(SearchRegistry.Kind.CREATED);
    SearchEntry e = o.entry().orElseThrow();
    assertThat(e.state()).isEqualTo(SearchState.QUEUED);
    assertThat(e.revision()).isEqualTo(1);
    assertThat(e.tasks()).extracting(TaskProgress::task, TaskProgress::evaluations, TaskProgress::budget)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("a", 0, 20), org.assertj.core.groups.Tuple.tuple("b", 0, 30));
    assertThat(SearchRegistry.empty().size()).as("the value it came from is unchanged").isZero();
  }

  @Test
  void startableNamesTheOldestQueuedUpToTheLimit() {
    SearchRegistry r = submitted("1", "2", "3");
    assertThat(r.startable(2)).containsExactly("1", "2");
    r = r.started("1").started("2");
    assertThat(r.startable(2)).isEmpty();
    r = r.cancel("1").registry();
    assertThat(r.startable(2)).containsExactly("3");
    assertThat(r.get("2").orElseThrow().revision()).isEqualTo(2);
  }

  @Test
  void recordsBuildTheTaskProgressAndTheReportReplacesIt() {
    SearchRegistry r = submitted("x").started("x")
        .recorded("x", record("a", 1, 10, 3.0, 3.0))
        .recorded("x", record("a", 2, 11, 6.0, 6.0))
        .recorded("x", record("a", 3, 12, 4.0, 6.0))
        .recorded("x", record("b", 1, 13, 2.0, 2.0));
    TaskProgress a = r.get("x").orElseThrow().tasks().get(0);
    assertThat(a.evaluations()).isEqualTo(3);
    assertThat(a.best()).contains(arch(11));
    assertThat(a.bestFitness()).isEqualTo(6.0);
    assertThat(a.solved()).as("6 reaches the threshold 5").isTrue();
    assertThat(r.get("x").orElseThrow().tasks().get(1).solved()).as("no threshold").isFalse();
    assertThat(r.get("x").orElseThrow().revision()).as("progress is not a revision").isEqualTo(2);

    SearchReport report = new SearchReport("x", SPEC, List.of(
        new TaskResult("a", Optional.of(arch(11)), 6.0, Map.of(), 2, 3, 1, OptionalInt.of(2), 0),
        new TaskResult("b", Optional.of(arch(13)), 2.0, Map.of(), 1, 1, 0, OptionalInt.empty(), 0)), 5);
    SearchEntry done = r.finished("x", report).get("x").orElseThrow();
    assertThat(done.state()).isEqualTo(SearchState.FINISHED);
    assertThat(done.revision()).isEqualTo(3);
    assertThat(done.tasks().get(0).failures()).isEqualTo(1);
    assertThat(done.report()).contains(report);
  }

  @Test
  void eventsForASearchThatIsNotRunningChangeNothing() {
    SearchRegistry queued = submitted("x");
    assertThat(queued.recorded("x", record("a", 1, 1, 1, 1))).isSameAs(queued);
    SearchRegistry cancelled = queued.started("x").cancel("x").registry();
    assertThat(cancelled.recorded("x", record("a", 1, 1, 1, 1))).isSameAs(cancelled);
    assertThat(cancelled.failed("x", "late")).isSameAs(cancelled);
    assertThat(cancelled.recorded("nobody", record("a", 1, 1, 1, 1))).isSameAs(cancelled);
  }

  @Test
  void cancelStopsQueuedOrRunningAndConflictsOnceOver() {
    SearchRegistry r = submitted("q", "r").started("r");
    SearchRegistry.Outcome q = r.cancel("q");
    assertThat(q.kind()).isEqualTo(SearchRegistry.Kind.CHANGED);
    assertThat(q.wasRunning()).isFalse();
    SearchRegistry.Outcome running = q.registry().cancel("r");
    assertThat(running.wasRunning()).isTrue();
    assertThat(running.entry().orElseThrow().state()).isEqualTo(SearchState.CANCELLED);
    assertThat(running.registry().cancel("r").kind()).isEqualTo(SearchRegistry.Kind.CONFLICT);
    assertThat(r.cancel("nobody").kind()).isEqualTo(SearchRegistry.Kind.NOT_FOUND);
  }

  @Test
  void onlyASearchThatIsOverCanBeDeletedAndItsKeyIsFreedWithIt() {
    SearchRegistry r = SearchRegistry.empty().submit("x", SPEC, Optional.of("k")).registry().started("x");
    assertThat(r.delete("x").kind()).isEqualTo(SearchRegistry.Kind.CONFLICT);
    r = r.failed("x", "boom");
    assertThat(r.get("x").orElseThrow().error()).contains("boom");
    SearchRegistry.Outcome deleted = r.delete("x");
    assertThat(deleted.kind()).isEqualTo(SearchRegistry.Kind.CHANGED);
    assertThat(deleted.registry().get("x")).isEmpty();
    assertThat(deleted.registry().delete("x").kind()).isEqualTo(SearchRegistry.Kind.NOT_FOUND);
    assertThat(deleted.registry().submit("y", SPEC, Optional.of("k")).kind()).isEqualTo(SearchRegistry.Kind.CREATED);
  }

  @Test
  void aRepeatedIdempotencyKeyGivesTheFirstSearchAndADifferentSpecIsAConflict() {
    SearchRegistry r = SearchRegistry.empty().submit("x", SPEC, Optional.of("k")).registry();
    SearchRegistry.Outcome again = r.submit("y", SPEC, Optional.of("k"));
    assertThat(again.kind()).isEqualTo(SearchRegistry.Kind.REPLAYED);
    assertThat(again.entry().orElseThrow().id()).isEqualTo("x");
    assertThat(again.registry()).isSameAs(r);
    SearchRegistry.Outcome other = r.submit("z", SPEC.withSeed(2), Optional.of("k"));
    assertThat(other.kind()).isEqualTo(SearchRegistry.Kind.KEY_CONFLICT);
    assertThat(other.registry().size()).isEqualTo(1);
    assertThat(r.submit("w", SPEC, Optional.empty()).registry().size()).as("no key: always new").isEqualTo(2);
    assertThatThrownBy(() -> r.submit("x", SPEC, Optional.empty())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void listKeepsSubmissionOrderAndFiltersByState() {
    SearchRegistry r = submitted("1", "2", "3").started("2");
    assertThat(r.list(Optional.empty())).extracting(SearchEntry::id).containsExactly("1", "2", "3");
    assertThat(r.list(Optional.of(SearchState.QUEUED))).extracting(SearchEntry::id).containsExactly("1", "3");
    assertThat(r.list(Optional.of(SearchState.FINISHED))).isEmpty();
  }

  @Test
  void budgetsChangeOnlyAtTheCurrentRevisionAndBeforeTheFirstStartAlsoInTheSpec() {
    SearchRegistry r = submitted("x");
    assertThat(r.changeBudgets("x", 2, Map.of("a", 50)).kind()).isEqualTo(SearchRegistry.Kind.STALE);
    assertThat(r.changeBudgets("y", 1, Map.of("a", 50)).kind()).isEqualTo(SearchRegistry.Kind.NOT_FOUND);
    assertThat(r.changeBudgets("x", 1, Map.of("c", 50)).kind()).isEqualTo(SearchRegistry.Kind.INVALID);
    assertThat(r.changeBudgets("x", 1, Map.of("a", 0)).kind()).isEqualTo(SearchRegistry.Kind.INVALID);
    assertThat(r.changeBudgets("x", 1, Map.of()).kind()).isEqualTo(SearchRegistry.Kind.INVALID);

    SearchRegistry.Outcome queued = r.changeBudgets("x", 1, Map.of("a", 50));
    SearchEntry q = queued.entry().orElseThrow();
    assertThat(q.revision()).isEqualTo(2);
    assertThat(q.spec().task("a").budget()).as("not started: it starts with the new budget").isEqualTo(50);
    assertThat(q.budgetChanges()).isEmpty();
    assertThat(queued.wasRunning()).isFalse();

    SearchRegistry running = queued.registry().started("x");
    SearchRegistry.Outcome live = running.changeBudgets("x", 3, Map.of("b", 7));
    assertThat(live.wasRunning()).as("its engine must hear of it").isTrue();
    SearchEntry l = live.entry().orElseThrow();
    assertThat(l.spec().task("b").budget()).as("started: the engine's spec stays").isEqualTo(30);
    assertThat(l.budgetChanges()).containsExactly(Map.entry("b", 7));
    assertThat(l.tasks()).extracting(TaskProgress::budget).containsExactly(50, 7);

    SearchRegistry over = live.registry().cancel("x").registry();
    assertThat(over.changeBudgets("x", 5, Map.of("a", 60)).kind()).isEqualTo(SearchRegistry.Kind.CONFLICT);
  }

  @Test
  void aPausedSearchFreesItsSlotAndResumedQueuesWithItsProgressStartingOver() {
    SearchRegistry r = submitted("x", "y").started("x").recorded("x", record("a", 1, 3, 2.0, 2.0));
    assertThat(r.startable(1)).isEmpty();
    SearchRegistry.Outcome paused = r.pause("x");
    assertThat(paused.kind()).isEqualTo(SearchRegistry.Kind.CHANGED);
    assertThat(paused.wasRunning()).isTrue();
    assertThat(paused.registry().startable(1)).containsExactly("y");
    assertThat(paused.registry().pause("x").kind()).isEqualTo(SearchRegistry.Kind.CONFLICT);
    assertThat(r.resume("x").kind()).as("only a paused search resumes").isEqualTo(SearchRegistry.Kind.CONFLICT);

    SearchRegistry resumed = paused.registry().resume("x").registry();
    assertThat(resumed.get("x").orElseThrow().state()).isEqualTo(SearchState.QUEUED);
    SearchEntry again = resumed.started("x").get("x").orElseThrow();
    assertThat(again.tasks()).extracting(TaskProgress::evaluations)
        .as("the replayed evaluations count again from zero, so none twice").containsExactly(0, 0);
    assertThat(paused.registry().cancel("x").kind()).as("a paused search can be cancelled")
        .isEqualTo(SearchRegistry.Kind.CHANGED);
  }

  @Test
  void aPageHoldsTheSearchesAfterTheCursorInSubmissionOrderFilteredByState() {
    SearchRegistry r = submitted("a", "b", "c", "d").started("b");
    assertThat(r.page(Optional.empty(), 0, 2).entries()).extracting(SearchEntry::id).containsExactly("a", "b");
    assertThat(r.page(Optional.empty(), 0, 2).more()).isTrue();
    assertThat(r.page(Optional.empty(), 2, 2).entries()).extracting(SearchEntry::id).containsExactly("c", "d");
    assertThat(r.page(Optional.empty(), 2, 2).more()).isFalse();
    assertThat(r.page(Optional.of(SearchState.QUEUED), 1, 10).entries()).extracting(SearchEntry::id)
        .containsExactly("c", "d");
    assertThat(r.delete("a").kind()).isEqualTo(SearchRegistry.Kind.CONFLICT);
  }

  private static final TaskSpec C = new TaskSpec("c", "nb201", "score", Direction.MAX, OptionalDouble.empty(), 15,
      List.of(), List.of(), Optional.empty());

  @Test
  void aTaskJoinsTheSpecBeforeTheFirstStartAndTheEngineAfterIt() {
    SearchRegistry queued = submitted("x");
    SearchRegistry.Outcome before = queued.joinTask("x", C);
    assertThat(before.kind()).isEqualTo(SearchRegistry.Kind.CHANGED);
    SearchEntry e = before.entry().orElseThrow();
    assertThat(e.spec().tasks()).extracting(TaskSpec::name).as("never started: part of its spec").containsExactly("a", "b", "c");
    assertThat(e.joined()).isEmpty();
    assertThat(e.revision()).isEqualTo(2);

    SearchRegistry running = queued.started("x");
    SearchRegistry.Outcome after = running.joinTask("x", C);
    assertThat(after.wasRunning()).isTrue();
    SearchEntry j = after.entry().orElseThrow();
    assertThat(j.spec().tasks()).extracting(TaskSpec::name).as("the engine starts from its spec").containsExactly("a", "b");
    assertThat(j.joined()).containsExactly(C);
    assertThat(j.currentSpec().tasks()).extracting(TaskSpec::name).containsExactly("a", "b", "c");
    assertThat(j.tasks()).extracting(TaskProgress::task, TaskProgress::budget).last()
        .isEqualTo(org.assertj.core.groups.Tuple.tuple("c", 15));
    assertThat(j.budgetChanges()).as("its own budget is no change").isEmpty();

    SearchRegistry progressed = after.registry().recorded("x", record("c", 1, 3, 4.0, 4.0));
    assertThat(progressed.get("x").orElseThrow().tasks().get(2).evaluations()).isEqualTo(1);
  }

  @Test
  void aTaskNameTheSearchHasOrASearchThatIsOverIsAConflict() {
    SearchRegistry running = submitted("x").started("x");
    assertThat(running.joinTask("x", A).kind()).isEqualTo(SearchRegistry.Kind.CONFLICT);
    assertThat(running.joinTask("nope", C).kind()).isEqualTo(SearchRegistry.Kind.NOT_FOUND);
    SearchRegistry over = running.cancel("x").registry();
    assertThat(over.joinTask("x", C).kind()).isEqualTo(SearchRegistry.Kind.CONFLICT);
    assertThatThrownBy(() -> over.taskJoined("x", C)).hasMessageContaining("stored join of task c");
  }

  @Test
  void aRunningSearchStartedAgainStartsItsProgressOver() {
    SearchRegistry r = submitted("x").started("x").recorded("x", record("a", 1, 3, 4.0, 4.0));
    assertThat(r.get("x").orElseThrow().tasks().get(0).evaluations()).isEqualTo(1);
    SearchEntry again = r.started("x").get("x").orElseThrow();
    assertThat(again.state()).isEqualTo(SearchState.RUNNING);
    assertThat(again.tasks().get(0).evaluations()).as("it replays what it stored").isZero();
  }
}
