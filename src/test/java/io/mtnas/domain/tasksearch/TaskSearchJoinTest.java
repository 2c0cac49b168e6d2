package io.mtnas.domain.tasksearch;

import static io.mtnas.domain.tasksearch.TaskSearches.NB201;
import static io.mtnas.domain.tasksearch.TaskSearches.arrived;
import static io.mtnas.domain.tasksearch.TaskSearches.dispatched;
import static io.mtnas.domain.tasksearch.TaskSearches.only;
import static io.mtnas.domain.tasksearch.TaskSearches.scored;
import static org.assertj.core.api.Assertions.assertThat;

import io.mtnas.domain.evaluation.EvaluationJob;
import io.mtnas.domain.population.PopulationState;
import io.mtnas.domain.search.JoinStart;
import io.mtnas.domain.search.StrategySpec;
import io.mtnas.domain.search.TaskSpec;
import io.mtnas.domain.search.TransferSpec;
import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.transfer.Offer;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** A task that joins: its first population comes from the peers' warm picks, in turn, before anything else. */
class TaskSearchJoinTest {
  private static final StrategySpec GUIDED_TRANSFER =
      TaskSearches.guided().withTransfer(TaskSearches.guided().transfer().withMode(TransferSpec.Mode.RANK));

  private static TaskSearch joining(JoinStart start, int parallelism) {
    TaskSpec task = TaskSearches.task("late", 30, OptionalDouble.empty()).withJoinStart(start);
    return TaskSearch.start(PopulationState.of(task, NB201, GUIDED_TRANSFER),
        new TaskSearch.Settings(9, parallelism, true, true, TaskSearches.PROXY));
  }

  private static List<Offer> offers(String source, int... indices) {
    List<Offer> out = new ArrayList<>();
    for (int i : indices) {
      out.add(new Offer(NB201.fromIndex(i), source, i));
    }
    return out;
  }

  @Test
  void bothAsksTheArbiterThenThePredictorAsOfTheJoinAndProposesTheirPicksInTurn() {
    TaskSearch.Step asked = joining(JoinStart.BOTH, 3).apply(new TaskInput.Joined(40));
    assertThat(asked.effects()).containsExactly(new TaskEffect.AskWarmTransfers(40, 10));
    TaskSearch.Step scores = asked.next().apply(new TaskInput.WarmPicks(offers("c10", 1, 2, 3)));
    assertThat(scores.effects()).containsExactly(new TaskEffect.AskWarmScores(40, 10));

    TaskSearch.Step first = scores.next().apply(new TaskInput.WarmPicks(offers("c100", 7, 2, 8)));
    List<EvaluationJob> jobs = dispatched(first.effects());
    assertThat(jobs).extracting(EvaluationJob::architecture)
        .as("the predictor's first, the arbiter's first, ... each once")
        .containsExactly(NB201.fromIndex(7), NB201.fromIndex(1), NB201.fromIndex(2));

    // the rest of the picks go first as slots free up; their origins say where they came from
    TaskSearch s = first.next();
    List<Architecture> later = new ArrayList<>();
    List<String> origins = new ArrayList<>();
    long seq = 41;
    for (EvaluationJob job : jobs) {
      TaskSearch.Step step = s.apply(arrived(scored(job), seq++));
      s = step.next();
      origins.addAll(only(step.effects(), TaskEffect.Recorded.class).stream().map(r -> r.record().origin()).toList());
      dispatched(step.effects()).forEach(j -> later.add(j.architecture()));
    }
    assertThat(origins).containsExactly("warm-predictor", "warm-transfer", "warm-predictor");
    assertThat(later.subList(0, 2)).containsExactly(NB201.fromIndex(8), NB201.fromIndex(3));
  }

  @Test
  void aColdJoinStartsAsTheFirstTasksDidAndAnEmptyAnswerToo() {
    TaskSearch.Step cold = joining(JoinStart.COLD, 2).apply(new TaskInput.Joined(40));
    assertThat(only(cold.effects(), TaskEffect.AskWarmTransfers.class)).isEmpty();
    assertThat(only(cold.effects(), TaskEffect.AskWarmScores.class)).isEmpty();
    assertThat(only(cold.effects(), TaskEffect.AskScores.class)).as("a guided pool of samples, as the first tasks")
        .hasSize(1);

    TaskSearch.Step predictorOnly = joining(JoinStart.PREDICTOR, 2).apply(new TaskInput.Joined(40));
    assertThat(predictorOnly.effects()).containsExactly(new TaskEffect.AskWarmScores(40, 10));
    TaskSearch.Step nothing = predictorOnly.next().apply(new TaskInput.WarmPicks(List.of()));
    assertThat(only(nothing.effects(), TaskEffect.AskScores.class))
        .as("nothing to learn from yet: it starts as the first tasks did").hasSize(1);
  }

  @Test
  void aJoinedSearchIsRebuiltFromItsLog() {
    List<TaskInput> log = new ArrayList<>(List.of(new TaskInput.Joined(40),
        new TaskInput.WarmPicks(offers("c10", 1, 2)), new TaskInput.WarmPicks(offers("c100", 5))));
    TaskSearch live = joining(JoinStart.BOTH, 2);
    for (TaskInput input : log) {
      live = live.apply(input).next();
    }
    TaskSpec task = TaskSearches.task("late", 30, OptionalDouble.empty()).withJoinStart(JoinStart.BOTH);
    assertThat(TaskSearch.rebuild(PopulationState.of(task, NB201, GUIDED_TRANSFER),
        new TaskSearch.Settings(9, 2, true, true, TaskSearches.PROXY), log)).isEqualTo(live);
  }
}
