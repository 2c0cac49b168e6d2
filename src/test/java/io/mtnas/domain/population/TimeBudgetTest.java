package io.mtnas.domain.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtnas.domain.evaluation.Direction;
import io.mtnas.domain.evaluation.EvaluationOutcome;
import io.mtnas.domain.search.StrategySpec;
import io.mtnas.domain.search.TaskSpec;
import io.mtnas.domain.space.SearchSpace;
import io.mtnas.domain.space.SearchSpaces;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A task's time budget: no new candidate once its evaluations' summed cost reaches it. */
class TimeBudgetTest {
  private static final SearchSpace NB201 = SearchSpaces.nb201();

  private static TaskSpec task(OptionalDouble seconds) {
    return new TaskSpec("t", "synthetic", "fitness", Direction.MAX, OptionalDouble.empty(), 1000, List.of(), List.of(),
        Optional.of("cost")).withTimeBudget(seconds);
  }

  /** Each architecture costs 100 + (index mod 50) seconds, so the sum crosses the budget mid-evaluation. */
  private static EvaluationOutcome.Scored scored(Candidate c) {
    return new EvaluationOutcome.Scored(c.id(), c.architecture(), c.architecture().index() % 97, Map.of(),
        100 + c.architecture().index() % 50);
  }

  @Test
  void aSequentialTaskStopsAtTheFirstEvaluationThatSpendsTheBudget() {
    PopulationState state = PopulationState.of(task(OptionalDouble.of(12_000)), NB201, StrategySpec.rea(10, 5));
    SplittableRandom rng = new SplittableRandom(5);
    List<Double> costs = new ArrayList<>();
    while (state.wantsMore()) {
      Proposal p = state.propose(rng);
      EvaluationOutcome.Scored outcome = scored(p.candidate());
      costs.add(outcome.costSeconds());
      state = p.next().integrate(outcome);
    }
    double total = costs.stream().mapToDouble(Double::doubleValue).sum();
    assertThat(total).isGreaterThanOrEqualTo(12_000);
    assertThat(total - costs.get(costs.size() - 1)).as("one evaluation less is within the budget").isLessThan(12_000);
    assertThat(state.costSeconds()).isEqualTo(total);
    assertThat(state.evaluations()).isEqualTo(costs.size()).isBetween(12_000 / 150, 12_000 / 100 + 1);
  }

  @Test
  void whatIsInFlightWhenTheBudgetIsSpentStillCounts() {
    PopulationState state = PopulationState.of(task(OptionalDouble.of(250)), NB201, StrategySpec.rea(10, 5));
    SplittableRandom rng = new SplittableRandom(6);
    List<Candidate> inFlight = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Proposal p = state.propose(rng);
      inFlight.add(p.candidate());
      state = p.next();
    }
    state = state.integrate(scored(inFlight.get(0))).integrate(scored(inFlight.get(1))).integrate(scored(inFlight.get(2)));
    assertThat(state.wantsMore()).as(">= 300 s spent of 250").isFalse();
    state = state.integrate(scored(inFlight.get(3)));
    assertThat(state.evaluations()).isEqualTo(4);
  }

  @Test
  void withoutATimeBudgetOnlyTheEvaluationBudgetStopsATask() {
    PopulationState state = PopulationState.of(task(OptionalDouble.empty()), NB201, StrategySpec.rea(10, 5));
    SplittableRandom rng = new SplittableRandom(7);
    for (int i = 0; i < 300; i++) {
      Proposal p = state.propose(rng);
      state = p.next().integrate(scored(p.candidate()));
    }
    assertThat(state.costSeconds()).isGreaterThan(30_000);
    assertThat(state.wantsMore()).isTrue();
  }

  @Test
  void aTimeBudgetNeedsACostMetricAndAPositiveValue() {
    TaskSpec noCost = new TaskSpec("t", "synthetic", "fitness", Direction.MAX, OptionalDouble.empty(), 10, List.of(),
        List.of(), Optional.empty());
    assertThatThrownBy(() -> noCost.withTimeBudget(OptionalDouble.of(10))).hasMessageContaining("no cost metric");
    assertThatThrownBy(() -> task(OptionalDouble.of(0))).hasMessageContaining("> 0, got 0.0");
  }
}
