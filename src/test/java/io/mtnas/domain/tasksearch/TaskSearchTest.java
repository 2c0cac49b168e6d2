package io.mtnas.domain.tasksearch;

import static io.mtnas.domain.tasksearch.TaskSearches.arrived;
import static io.mtnas.domain.tasksearch.TaskSearches.dispatched;
import static io.mtnas.domain.tasksearch.TaskSearches.failed;
import static io.mtnas.domain.tasksearch.TaskSearches.only;
import static io.mtnas.domain.tasksearch.TaskSearches.scored;
import static io.mtnas.domain.tasksearch.TaskSearches.search;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtnas.domain.evaluation.EvaluationJob;
import io.mtnas.domain.population.Origin;
import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.transfer.Offer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TaskSearchTest {

  /** Runs a plain search to its end, one result back per step in dispatch order. */
  private static List<Architecture> runToEnd(TaskSearch s) {
    List<Architecture> proposed = new ArrayList<>();
    Deque<EvaluationJob> open = new ArrayDeque<>();
    TaskSearch.Step step = s.apply(TaskInput.Start.INSTANCE);
    long seq = 0;
    while (true) {
      dispatched(step.effects()).forEach(j -> {
        proposed.add(j.architecture());
        open.add(j);
      });
      if (open.isEmpty()) {
        return proposed;
      }
      step = step.next().apply(arrived(scored(open.removeFirst()), ++seq));
    }
  }

  @Test
  void startFillsEverySlotAndEachResultRefillsOne() {
    TaskSearch.Step start = search(TaskSearches.rea(), 20, 3, 1).apply(TaskInput.Start.INSTANCE);
    List<EvaluationJob> jobs = dispatched(start.effects());
    assertThat(jobs).hasSize(3).extracting(j -> j.id().sequence()).containsExactly(0L, 1L, 2L);

    TaskSearch.Step next = start.next().apply(arrived(scored(jobs.get(1)), 1));
    assertThat(next.effects()).extracting(e -> e.getClass().getSimpleName())
        .containsExactly("Observe", "Recorded", "Evaluated", "NewBest", "Dispatch");
    assertThat(dispatched(next.effects())).hasSize(1).first().extracting(j -> j.id().sequence()).isEqualTo(3L);
    assertThat(next.next().population().evaluations()).isEqualTo(1);
  }

  @Test
  void aDuplicateOrUnknownResultIsIgnoredButStillAnswered() {
    TaskSearch.Step start = search(TaskSearches.rea(), 20, 2, 1).apply(TaskInput.Start.INSTANCE);
    EvaluationJob job = dispatched(start.effects()).get(0);
    TaskSearch once = start.next().apply(arrived(scored(job), 1)).next();
    TaskSearch.Step twice = once.apply(arrived(scored(job), 2));
    assertThat(only(twice.effects(), TaskEffect.Ignored.class)).hasSize(1);
    assertThat(only(twice.effects(), TaskEffect.Dispatch.class)).hasSize(1);
    assertThat(dispatched(twice.effects())).isEmpty();
    assertThat(twice.next().population().evaluations()).isEqualTo(1);
  }

  @Test
  void theTaskFinishesOnceWhenItsBudgetIsSpentAndNothingIsOutstanding() {
    TaskSearch s = search(TaskSearches.rea(), 5, 2, 7);
    List<TaskEffect> all = new ArrayList<>();
    Deque<EvaluationJob> open = new ArrayDeque<>();
    TaskSearch.Step step = s.apply(TaskInput.Start.INSTANCE);
    for (long seq = 1; ; seq++) {
      all.addAll(step.effects());
      open.addAll(dispatched(step.effects()));
      if (open.isEmpty()) {
        break;
      }
      step = step.next().apply(arrived(seq % 3 == 0 ? failed(open.removeFirst()) : scored(open.removeFirst()), seq));
    }
    List<TaskEffect.Finished> finished = only(all, TaskEffect.Finished.class);
    assertThat(finished).hasSize(1);
    assertThat(finished.get(0).result().evaluations()).as("a failure frees its budget slot").isEqualTo(5);
    assertThat(finished.get(0).result().failures()).isPositive();
    assertThat(step.next().finished()).isTrue();
  }

  @Test
  void aRaisedBudgetReopensAFinishedTask() {
    TaskSearch s = search(TaskSearches.rea(), 1, 1, 3);
    TaskSearch.Step start = s.apply(TaskInput.Start.INSTANCE);
    TaskSearch.Step end = start.next().apply(arrived(scored(dispatched(start.effects()).get(0)), 1));
    assertThat(end.next().finished()).isTrue();

    TaskSearch.Step raised = end.next().apply(new TaskInput.BudgetChanged(3));
    assertThat(raised.next().finished()).isFalse();
    assertThat(dispatched(raised.effects())).hasSize(1);
    TaskSearch lowered = search(TaskSearches.rea(), 10, 1, 3).apply(new TaskInput.BudgetChanged(2)).next();
    assertThat(lowered.population().task().budget()).isEqualTo(2);
  }

  @Test
  void everyBudgetChangeIsAnsweredWithABatchAndSaysWhetherTheTaskHasEnded() {
    TaskSearch s = search(TaskSearches.rea(), 1, 1, 3);
    TaskSearch.Step start = s.apply(TaskInput.Start.INSTANCE);
    TaskSearch.Step end = start.next().apply(arrived(scored(dispatched(start.effects()).get(0)), 1));

    TaskSearch.Step same = end.next().apply(new TaskInput.BudgetChanged(1));
    assertThat(only(same.effects(), TaskEffect.Dispatch.class)).as("the manager waits for this reply").hasSize(1);
    assertThat(dispatched(same.effects())).isEmpty();
    assertThat(only(same.effects(), TaskEffect.BudgetApplied.class)).singleElement()
        .satisfies(b -> assertThat(b.result()).hasValueSatisfying(r -> assertThat(r.evaluations()).isEqualTo(1)));
    assertThat(only(same.effects(), TaskEffect.Finished.class)).as("it ended before: not again").isEmpty();

    TaskSearch.Step raised = end.next().apply(new TaskInput.BudgetChanged(3));
    assertThat(only(raised.effects(), TaskEffect.BudgetApplied.class)).singleElement()
        .satisfies(b -> assertThat(b.result()).isEmpty());
  }

  @Test
  void resultsWaitWhileTransfersAreAskedForAndTransfersGoFirst() {
    TaskSearch s = search(TaskSearches.reaWithTransfer(), 40, 2, 5);
    Deque<EvaluationJob> open = new ArrayDeque<>();
    TaskSearch.Step step = s.apply(TaskInput.Start.INSTANCE);
    long seq = 0;
    while (only(step.effects(), TaskEffect.AskTransfers.class).isEmpty()) {
      open.addAll(dispatched(step.effects()));
      step = step.next().apply(arrived(scored(open.removeFirst()), ++seq));
    }
    TaskEffect.AskTransfers ask = only(step.effects(), TaskEffect.AskTransfers.class).get(0);
    assertThat(ask.round()).isEqualTo(1);
    assertThat(ask.asOf()).isEqualTo(seq);
    assertThat(step.effects()).noneMatch(e -> e instanceof TaskEffect.Dispatch);
    assertThat(step.next().population().evaluations()).isEqualTo(10);

    EvaluationJob stillOpen = open.removeFirst();
    TaskSearch.Step waiting = step.next().apply(arrived(scored(stillOpen), ++seq));
    assertThat(waiting.effects()).isEmpty();
    assertThat(waiting.next().awaiting()).isTrue();

    Architecture offered = TaskSearches.NB201.fromIndex(12_345);
    TaskSearch.Step answered = waiting.next().apply(
        new TaskInput.TransfersDecided(List.of(new Offer(offered, "other", 1.0))));
    List<EvaluationJob> jobs = dispatched(answered.effects());
    assertThat(jobs.get(0).architecture()).isEqualTo(offered);
    assertThat(answered.next().population().outstanding(jobs.get(0).id()).orElseThrow().origin())
        .isEqualTo(Origin.TRANSFER);
    assertThat(answered.next().population().evaluations()).as("the deferred result, handled after the answer")
        .isEqualTo(11);

    TaskSearch.Step back = answered.next().apply(arrived(scored(jobs.get(0)), ++seq));
    assertThat(only(back.effects(), TaskEffect.Transferred.class)).extracting(TaskEffect.Transferred::source)
        .containsExactly("other");
  }

  @Test
  void aPredictedPopulationProposesThePoolEntryWithTheBestScore() {
    TaskSearch s = search(TaskSearches.guided(), 30, 1, 9);
    TaskSearch.Step step = s.apply(TaskInput.Start.INSTANCE);
    TaskEffect.AskScores ask = only(step.effects(), TaskEffect.AskScores.class).get(0);
    assertThat(ask.pool()).hasSizeGreaterThan(5).doesNotHaveDuplicates();
    double[] scores = new double[ask.pool().size()];
    int favourite = ask.pool().size() - 1;
    scores[favourite] = 10;
    // The fill's own draw decides whether this pick is the predictor's (4 in 5) or the proxy's.
    TaskSearch.Step chosen = step.next().apply(new TaskInput.ScoresReady(Optional.of(scores)));
    Architecture pick = dispatched(chosen.effects()).get(0).architecture();
    Architecture proxyPick = ask.pool().stream()
        .min((a, b) -> Long.compare(a.index(), b.index())).orElseThrow();
    assertThat(pick).isIn(ask.pool().get(favourite), proxyPick);
    assertThatThrownBy(() -> chosen.next().apply(new TaskInput.ScoresReady(Optional.empty())))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("awaiting NONE");
  }

  @Test
  void theSameSeedGivesTheSameSearchAndAnotherSeedAnother() {
    List<Architecture> a = runToEnd(search(TaskSearches.rea(), 60, 3, 11));
    List<Architecture> b = runToEnd(search(TaskSearches.rea(), 60, 3, 11));
    List<Architecture> c = runToEnd(search(TaskSearches.rea(), 60, 3, 12));
    assertThat(a).hasSize(60).isEqualTo(b).isNotEqualTo(c);
  }

  @Test
  void rebuildingFromTheInputsGivesTheSameValue() {
    TaskSearch s = search(TaskSearches.reaWithTransfer(), 30, 2, 4);
    List<TaskInput> log = new ArrayList<>();
    Deque<EvaluationJob> open = new ArrayDeque<>();
    log.add(TaskInput.Start.INSTANCE);
    TaskSearch.Step step = s.apply(TaskInput.Start.INSTANCE);
    for (long seq = 1; seq <= 20; seq++) {
      open.addAll(dispatched(step.effects()));
      TaskInput in = step.next().awaiting()
          ? new TaskInput.TransfersDecided(List.of())
          : arrived(scored(open.removeLast()), seq);
      log.add(in);
      step = step.next().apply(in);
    }
    assertThat(TaskSearch.rebuild(s.population(), s.settings, log)).isEqualTo(step.next());
    assertThat(TaskSearch.rebuild(s.population(), s.settings, log.subList(0, 10))).isNotEqualTo(step.next());
  }
}
