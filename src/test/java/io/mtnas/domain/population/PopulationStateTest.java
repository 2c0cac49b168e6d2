package io.mtnas.domain.population;

import static io.mtnas.domain.population.Searches.failure;
import static io.mtnas.domain.population.Searches.lookup;
import static io.mtnas.domain.population.Searches.maxTask;
import static io.mtnas.domain.population.Searches.score;
import static io.mtnas.domain.population.Searches.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtnas.domain.evaluation.Direction;
import io.mtnas.domain.evaluation.EvaluationOutcome;
import io.mtnas.domain.evaluation.JobId;
import io.mtnas.domain.search.StrategySpec;
import io.mtnas.domain.search.StrategySpec.Kind;
import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.space.SearchSpace;
import io.mtnas.domain.space.SearchSpaces;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class PopulationStateTest {
  private static final SearchSpace NB201 = SearchSpaces.nb201();
  private static final SearchSpace MICRO = SearchSpaces.transNasMicro();
  private static final ToDoubleFunction<Architecture> FITNESS = lookup(Searches.randomTable(NB201, 3));

  private static PopulationState rea(int k, int s, int budget) {
    return PopulationState.of(maxTask(budget), NB201, StrategySpec.rea(k, s));
  }

  /** Proposes and integrates one candidate, returning the state after integration. */
  private static PopulationState step(PopulationState state, SplittableRandom rng, List<Candidate> proposed) {
    Proposal p = state.propose(rng);
    proposed.add(p.candidate());
    return p.next().integrate(score(p.candidate(), FITNESS.applyAsDouble(p.candidate().architecture())));
  }

  @Test
  void reaSamplesKRandomArchitecturesThenMutatesTournamentWinners() {
    PopulationState state = rea(10, 5, 1000);
    SplittableRandom rng = new SplittableRandom(1);
    List<Candidate> proposed = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      List<Architecture> living = state.population().stream().map(Individual::architecture).toList();
      state = step(state, rng, proposed);
      Candidate c = proposed.get(i);
      assertThat(c.id()).isEqualTo(new JobId("t", i));
      if (i < 10) {
        assertThat(c.origin()).isEqualTo(Origin.RANDOM);
        assertThat(c.parent()).isEmpty();
      } else {
        assertThat(c.origin()).isEqualTo(Origin.MUTATION);
        assertThat(living).contains(c.parent().orElseThrow());
        assertThat(c.architecture().distance(c.parent().get())).isEqualTo(1);
      }
    }
    assertThat(state.evaluations()).isEqualTo(40);
    assertThat(state.population()).hasSize(10);
  }

  @Test
  void randomPhaseCountsOutstandingCandidatesAndFallsBackToRandomWhileNobodyLives() {
    PopulationState state = rea(3, 2, 100);
    SplittableRandom rng = new SplittableRandom(2);
    List<Proposal> proposals = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Proposal p = state.propose(rng);
      proposals.add(p);
      state = p.next();
    }
    assertThat(proposals).extracting(p -> p.candidate().origin()).containsOnly(Origin.RANDOM);
    assertThat(state.outstandingCount()).isEqualTo(4);

    Candidate first = proposals.get(0).candidate();
    state = state.integrate(score(first, 0.5));
    Proposal afterOne = state.propose(rng);
    assertThat(afterOne.candidate().origin()).isEqualTo(Origin.MUTATION);
    assertThat(afterOne.candidate().parent()).contains(first.architecture());
  }

  @Test
  void aTournamentOverTheWholePopulationAlwaysPicksItsBest() {
    PopulationState state = rea(6, 6, 1000);
    SplittableRandom rng = new SplittableRandom(3);
    List<Candidate> proposed = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      state = step(state, rng, proposed);
    }
    Individual best = state.population().stream()
        .max((a, b) -> Double.compare(a.fitness(), b.fitness())).orElseThrow();
    for (int seed = 0; seed < 200; seed++) {
      // propose is pure: the same state asked with different draws.
      Candidate child = state.propose(new SplittableRandom(seed)).candidate();
      assertThat(child.parent()).contains(best.architecture());
    }
  }

  @Test
  void aTournamentOfOnePicksParentsUniformlyAmongTheLiving() {
    PopulationState state = rea(5, 1, 1000);
    SplittableRandom rng = new SplittableRandom(4);
    List<Candidate> proposed = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      state = step(state, rng, proposed);
    }
    List<Architecture> living = state.population().stream().map(Individual::architecture).toList();
    int[] picks = new int[living.size()];
    int draws = 10_000;
    for (int seed = 0; seed < draws; seed++) {
      picks[living.indexOf(state.propose(new SplittableRandom(seed)).candidate().parent().orElseThrow())]++;
    }
    double sd = Math.sqrt(draws * 0.2 * 0.8);
    for (int count : picks) {
      assertThat(Math.abs(count - draws * 0.2)).isLessThan(4 * sd);
    }
  }

  @Test
  void agingKillsTheOldestByIntegrationOrderEvenTheBest() {
    PopulationState state = rea(3, 2, 100);
    SplittableRandom rng = new SplittableRandom(5);
    List<Candidate> c = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Proposal p = state.propose(rng);
      c.add(p.candidate());
      state = p.next();
    }
    // Integrated in reverse proposal order; the first integrated is the best and dies first.
    state = state.integrate(score(c.get(3), 0.9));
    state = state.integrate(score(c.get(2), 0.1));
    state = state.integrate(score(c.get(1), 0.2));
    assertThat(state.population()).extracting(Individual::evaluation).containsExactly(1, 2, 3);
    state = state.integrate(score(c.get(0), 0.3));

    assertThat(state.population())
        .extracting(i -> i.candidate().id().sequence())
        .containsExactly(2L, 1L, 0L);
    assertThat(state.population()).extracting(Individual::evaluation).containsExactly(2, 3, 4);
    assertThat(state.best().orElseThrow().candidate()).isEqualTo(c.get(3));
    assertThat(state.bestFoundAt()).isEqualTo(1);
  }

  @Test
  void avoidSeenNeverProposesAnArchitectureTwiceEvenAfterManyMutations() {
    // K=2 on the small space: mutations keep hitting seen neighbours and must widen.
    PopulationState state = PopulationState.of(maxTask(3000), MICRO, StrategySpec.rea(2, 2));
    ToDoubleFunction<Architecture> fitness = lookup(Searches.smoothTable(MICRO, 9));
    SplittableRandom rng = new SplittableRandom(6);
    Set<Architecture> seen = new HashSet<>();
    while (state.wantsMore()) {
      Proposal p = state.propose(rng);
      Architecture a = p.candidate().architecture();
      assertThat(seen.add(a)).as("proposal %s repeats %s", p.candidate().id(), a).isTrue();
      assertThat(state.hasSeen(a)).isFalse();
      state = p.next().integrate(score(p.candidate(), fitness.applyAsDouble(a)));
      assertThat(state.hasSeen(a)).isTrue();
    }
    assertThat(state.evaluations()).isEqualTo(3000);
    assertThat(state.seenCount()).isEqualTo(3000);
  }

  @Test
  void withoutAvoidSeenTheSameSearchDoesRepeatArchitectures() {
    StrategySpec repeating = new StrategySpec(Kind.REA, 2, 2, false, 0);
    PopulationState state = PopulationState.of(maxTask(500), MICRO, repeating);
    ToDoubleFunction<Architecture> fitness = lookup(Searches.smoothTable(MICRO, 9));
    SplittableRandom rng = new SplittableRandom(6);
    int repeats = 0;
    Set<Architecture> seen = new HashSet<>();
    while (state.wantsMore()) {
      Proposal p = state.propose(rng);
      repeats += seen.add(p.candidate().architecture()) ? 0 : 1;
      state = p.next().integrate(score(p.candidate(), fitness.applyAsDouble(p.candidate().architecture())));
    }
    assertThat(repeats).isPositive();
  }

  @Test
  void randomSearchWithoutReplacementExhaustsTheSpaceThenStops() {
    PopulationState state = PopulationState.of(maxTask(10_000), MICRO, StrategySpec.random());
    state = Searches.runSequential(state, lookup(Searches.randomTable(MICRO, 1)), new SplittableRandom(7));

    assertThat(state.evaluations()).isEqualTo(4096);
    assertThat(state.seenCount()).isEqualTo(4096);
    assertThat(state.exhausted()).isTrue();
    assertThat(state.wantsMore()).isFalse();
    PopulationState done = state;
    assertThatThrownBy(() -> done.propose(new SplittableRandom(1))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void budgetCountsOutstandingCandidatesAndAbandonedOnesFreeTheirSlot() {
    PopulationState state = rea(10, 5, 4);
    SplittableRandom rng = new SplittableRandom(8);
    List<Candidate> c = new ArrayList<>();
    while (state.wantsMore()) {
      Proposal p = state.propose(rng);
      c.add(p.candidate());
      state = p.next();
    }
    assertThat(c).hasSize(4);
    state = state.integrate(score(c.get(0), 0.1));
    assertThat(state.wantsMore()).isFalse();

    state = state.integrate(failure(c.get(1)));
    assertThat(state.abandoned()).isEqualTo(1);
    assertThat(state.evaluations()).isEqualTo(1);
    assertThat(state.isOutstanding(c.get(1).id())).isFalse();
    assertThat(state.population()).extracting(Individual::candidate).containsExactly(c.get(0));
    assertThat(state.hasSeen(c.get(1).architecture())).isTrue();
    assertThat(state.wantsMore()).isTrue();

    Proposal replacement = state.propose(rng);
    assertThat(replacement.candidate().id().sequence()).isEqualTo(4);
    assertThat(replacement.candidate().architecture()).isNotEqualTo(c.get(1).architecture());
    assertThat(replacement.next().wantsMore()).isFalse();
  }

  @Test
  void anEvaluatorThatFailsEverythingStopsTheTaskAfterABudgetOfFailures() {
    PopulationState state = rea(3, 2, 5);
    SplittableRandom rng = new SplittableRandom(9);
    int proposals = 0;
    while (state.wantsMore()) {
      Proposal p = state.propose(rng);
      proposals++;
      state = p.next().integrate(failure(p.candidate()));
    }
    assertThat(proposals).isEqualTo(5);
    assertThat(state.abandoned()).isEqualTo(5);
    assertThat(state.evaluations()).isZero();
    assertThat(state.best()).isEmpty();
  }

  @Test
  void reachingTheThresholdSolvesTheTaskAndStopsProposals() {
    PopulationState state =
        PopulationState.of(task("t", Direction.MAX, OptionalDouble.of(0.99), 10_000), NB201, StrategySpec.rea(10, 5));
    state = Searches.runSequential(state, FITNESS, new SplittableRandom(10));

    assertThat(state.solved()).isTrue();
    assertThat(state.best().orElseThrow().fitness()).isGreaterThanOrEqualTo(0.99);
    assertThat(state.solvedAt()).hasValue(state.evaluations());
    assertThat(state.bestFoundAt()).isEqualTo(state.evaluations());
    assertThat(state.wantsMore()).isFalse();
    PopulationState done = state;
    assertThatThrownBy(() -> done.propose(new SplittableRandom(1))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void resultsArrivingAfterTheTaskIsSolvedAreStillIntegratedAndCounted() {
    PopulationState state =
        PopulationState.of(task("t", Direction.MIN, OptionalDouble.of(1.0), 100), NB201, StrategySpec.rea(10, 5));
    SplittableRandom rng = new SplittableRandom(11);
    List<Candidate> c = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Proposal p = state.propose(rng);
      c.add(p.candidate());
      state = p.next();
    }
    state = state.integrate(score(c.get(1), 0.8));
    assertThat(state.solvedAt()).hasValue(1);
    assertThat(state.wantsMore()).isFalse();

    state = state.integrate(score(c.get(0), 5.0)).integrate(score(c.get(2), 0.5));
    assertThat(state.evaluations()).isEqualTo(3);
    assertThat(state.outstandingCount()).isZero();
    assertThat(state.solvedAt()).hasValue(1);
    assertThat(state.best().orElseThrow().candidate()).isEqualTo(c.get(2));
    assertThat(state.bestFoundAt()).isEqualTo(3);
    assertThat(state.costSeconds()).isEqualTo(3.0);
  }

  @Test
  void aTaskWithoutThresholdRunsItsWholeBudget() {
    PopulationState state = Searches.runSequential(rea(10, 5, 300), FITNESS, new SplittableRandom(12));
    assertThat(state.solved()).isFalse();
    assertThat(state.evaluations()).isEqualTo(300);
    assertThat(state.proposals()).isEqualTo(300);
  }

  @Test
  void integrationIsExactlyOnce() {
    PopulationState state = rea(10, 5, 100);
    Proposal p = state.propose(new SplittableRandom(13));
    Candidate c = p.candidate();
    EvaluationOutcome.Scored result = score(c, 0.4);
    PopulationState integrated = p.next().integrate(result);

    assertThat(integrated.integrate(result)).isSameAs(integrated);
    assertThat(integrated.integrate(failure(c))).isSameAs(integrated);
    EvaluationOutcome.Scored unknown =
        new EvaluationOutcome.Scored(new JobId("t", 99), c.architecture(), 1.0, Map.of(), 0);
    assertThat(integrated.integrate(unknown)).isSameAs(integrated);
    EvaluationOutcome.Scored otherTask =
        new EvaluationOutcome.Scored(new JobId("other", 0), c.architecture(), 1.0, Map.of(), 0);
    assertThat(p.next().integrate(otherTask)).isSameAs(p.next());

    PopulationState abandoned = p.next().integrate(failure(c));
    assertThat(abandoned.integrate(result)).isSameAs(abandoned);
    assertThat(integrated.evaluations()).isEqualTo(1);
  }

  @Test
  void anOutcomeNamingAnotherArchitectureIsARoutingBug() {
    Proposal p = rea(10, 5, 100).propose(new SplittableRandom(14));
    Candidate c = p.candidate();
    Architecture other = c.architecture().index() == 0 ? NB201.fromIndex(1) : NB201.fromIndex(0);
    EvaluationOutcome.Scored wrong = new EvaluationOutcome.Scored(c.id(), other, 1.0, Map.of(), 0);
    assertThatThrownBy(() -> p.next().integrate(wrong))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(c.id().toString());
  }

  @Test
  void sameSeedSameSearchAndAnotherSeedAnotherSearch() {
    assertThat(trace(21)).isEqualTo(trace(21));
    assertThat(trace(21)).isNotEqualTo(trace(22));
  }

  private static List<Candidate> trace(long seed) {
    PopulationState state = rea(10, 5, 200);
    SplittableRandom rng = new SplittableRandom(seed);
    List<Candidate> proposed = new ArrayList<>();
    while (state.wantsMore()) {
      state = step(state, rng, proposed);
    }
    return proposed;
  }

  @Test
  void replayingTheEventsRebuildsTheState() {
    PopulationState initial = rea(5, 3, 60);
    PopulationState state = initial;
    SplittableRandom rng = new SplittableRandom(15);
    List<PopulationEvent> log = new ArrayList<>();
    List<Candidate> open = new ArrayList<>();
    while (state.wantsMore() || !open.isEmpty()) {
      // Two outstanding at a time; every fifth outcome is a failure.
      while (state.wantsMore() && open.size() < 2) {
        Proposal p = state.propose(rng);
        log.add(p.event());
        open.add(p.candidate());
        state = p.next();
      }
      Candidate c = open.remove(rng.nextInt(open.size()));
      PopulationEvent outcome =
          c.id().sequence() % 5 == 4
              ? new PopulationEvent.Abandoned(failure(c))
              : new PopulationEvent.Scored(score(c, FITNESS.applyAsDouble(c.architecture())));
      log.add(outcome);
      state = state.apply(outcome);
    }
    PopulationState replayed = initial;
    for (PopulationEvent e : log) {
      replayed = replayed.apply(e);
    }
    assertThat(replayed).isEqualTo(state);
    assertThat(state.abandoned()).isPositive();
    assertThat(state.evaluations() + state.abandoned()).isEqualTo((int) state.proposals());
  }

  @Test
  void externalProposalsTakeTheNextJobIdAndRespectAvoidSeen() {
    PopulationState state = rea(10, 5, 100);
    Architecture transferred = NB201.fromIndex(6111);
    Architecture source = NB201.fromIndex(6110);
    Proposal p = state.proposeExternal(transferred, Origin.TRANSFER, Optional.of(source));

    assertThat(p.candidate()).isEqualTo(new Candidate(new JobId("t", 0), transferred, Origin.TRANSFER, Optional.of(source)));
    assertThat(p.next().hasSeen(transferred)).isTrue();
    assertThat(p.next().nextJobId()).isEqualTo(new JobId("t", 1));
    assertThatThrownBy(() -> p.next().proposeExternal(transferred, Origin.TRANSFER, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> state.proposeExternal(MICRO.fromIndex(0), Origin.TRANSFER, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anEventWithTheWrongJobIdIsRejected() {
    Candidate skipping = new Candidate(new JobId("t", 1), NB201.fromIndex(0), Origin.RANDOM, Optional.empty());
    assertThatThrownBy(() -> rea(10, 5, 100).apply(new PopulationEvent.Proposed(skipping)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("t#0");
  }
}
