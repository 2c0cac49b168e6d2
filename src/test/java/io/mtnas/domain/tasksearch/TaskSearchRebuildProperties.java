package io.mtnas.domain.tasksearch;

import static io.mtnas.domain.tasksearch.TaskSearches.arrived;
import static io.mtnas.domain.tasksearch.TaskSearches.dispatched;
import static io.mtnas.domain.tasksearch.TaskSearches.failed;
import static io.mtnas.domain.tasksearch.TaskSearches.scored;
import static org.assertj.core.api.Assertions.assertThat;

import io.mtnas.domain.evaluation.EvaluationJob;
import io.mtnas.domain.evaluation.EvaluationOutcome;
import io.mtnas.domain.evaluation.JobId;
import io.mtnas.domain.population.PopulationState;
import io.mtnas.domain.search.GuidanceSpec;
import io.mtnas.domain.search.StrategySpec;
import io.mtnas.domain.search.TransferSpec;
import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.transfer.Offer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Rebuild equals live: a search driven by a generated sequence of inputs (results in any order,
 * failures, duplicate and late results, results for jobs it never proposed, budget changes, peer
 * answers, results arriving while a question is open) is, after every prefix of its input log,
 * equal to the search rebuilt from that prefix alone, and the rebuilt one answers the next input
 * with the same effects. Each generated choice is read against the live state, so every input is
 * one that could really arrive.
 */
class TaskSearchRebuildProperties {
  private static final List<StrategySpec> STRATEGIES = List.of(
      TaskSearches.rea(),
      TaskSearches.reaWithTransfer(),
      StrategySpec.random(),
      TaskSearches.rea().withGuidance(new GuidanceSpec(3, 2, true, true, true, true))
          .withTransfer(TaskSearches.rea().transfer().withMode(TransferSpec.Mode.RANK)),
      TaskSearches.rea().withGuidance(new GuidanceSpec(3, 2, true, false, false, true)));

  @Property
  void theSearchRebuiltFromAnyPrefixOfItsLogIsTheLiveSearch(
      @ForAll @IntRange(min = 0, max = 4) int strategy,
      @ForAll @IntRange(min = 1, max = 4) int parallelism,
      @ForAll @IntRange(min = 1, max = 40) int budget,
      @ForAll long seed,
      @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 999) Integer> choices) {
    StrategySpec spec = STRATEGIES.get(strategy);
    boolean predictor = spec.guidance().guided() && spec.guidance().predictor();
    TaskSearch.Settings settings = new TaskSearch.Settings(seed, parallelism, predictor, spec.transfer().enabled(),
        TaskSearches.PROXY);
    PopulationState initial = PopulationState.of(TaskSearches.task("t", budget, OptionalDouble.of(0.999)),
        TaskSearches.NB201, spec);

    Driver driver = new Driver(TaskSearch.start(initial, settings));
    driver.feed(TaskInput.Start.INSTANCE);
    for (int choice : choices) {
      driver.feed(driver.next(choice));
    }

    for (int i = 0; i < driver.log.size(); i++) {
      TaskSearch rebuilt = TaskSearch.rebuild(initial, settings, driver.log.subList(0, i));
      assertThat(rebuilt).as("rebuilt from the first %d inputs", i).isEqualTo(driver.states.get(i));
      assertThat(rebuilt.apply(driver.log.get(i)).effects()).as("effects of input %d", i)
          .isEqualTo(driver.effects.get(i));
    }
  }

  /** Feeds the live search and keeps its log, the state before each input and each input's effects. */
  private static final class Driver {
    final List<TaskInput> log = new ArrayList<>();
    final List<TaskSearch> states = new ArrayList<>();
    final List<List<TaskEffect>> effects = new ArrayList<>();
    final List<EvaluationJob> open = new ArrayList<>();
    final List<EvaluationJob> done = new ArrayList<>();
    TaskSearch live;
    TaskEffect question;
    long sequence;

    Driver(TaskSearch start) {
      live = start;
    }

    void feed(TaskInput input) {
      states.add(live);
      log.add(input);
      TaskSearch.Step step = live.apply(input);
      effects.add(step.effects());
      live = step.next();
      open.addAll(dispatched(step.effects()));
      for (TaskEffect e : step.effects()) {
        if (e instanceof TaskEffect.AskTransfers || e instanceof TaskEffect.AskScores) {
          question = e;
        }
      }
      if (input instanceof TaskInput.TransfersDecided || input instanceof TaskInput.ScoresReady) {
        question = live.awaiting() ? question : null;
      }
    }

    /** The input that {@code choice} stands for, given what could arrive now. */
    TaskInput next(int choice) {
      if (live.awaiting() && (choice % 3 != 0 || open.isEmpty())) {
        return answer(choice);
      }
      int kind = choice % 10;
      if (open.isEmpty() || kind == 8) {
        return new TaskInput.BudgetChanged(live.population().evaluations() + 1 + choice % 20);
      }
      if (kind == 7 && !done.isEmpty()) {
        return arrived(scored(done.get(choice % done.size())), ++sequence); // duplicate or late
      }
      if (kind == 9) {
        Architecture a = TaskSearches.NB201.fromIndex(choice);
        return arrived(new EvaluationOutcome.Scored(new JobId("other", choice), a, 0.5, Map.of(), 1), ++sequence);
      }
      EvaluationJob job = open.remove(choice % open.size());
      done.add(job);
      return arrived(kind == 6 ? failed(job) : scored(job), ++sequence);
    }

    private TaskInput answer(int choice) {
      if (question instanceof TaskEffect.AskScores ask) {
        if (choice % 7 == 0) {
          return new TaskInput.ScoresReady(Optional.empty()); // the predictor timed out
        }
        double[] scores = new double[ask.pool().size()];
        for (int i = 0; i < scores.length; i++) {
          scores[i] = ((i + 1) * (long) choice) % 17;
        }
        return new TaskInput.ScoresReady(Optional.of(scores));
      }
      List<Offer> offers = new ArrayList<>();
      for (int i = 0; i < choice % 3; i++) {
        offers.add(new Offer(TaskSearches.NB201.fromIndex((choice * 31L + i * 977L) % 15625), "other", i));
      }
      return new TaskInput.TransfersDecided(offers);
    }
  }
}
