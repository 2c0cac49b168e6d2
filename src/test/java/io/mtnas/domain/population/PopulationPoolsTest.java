package io.mtnas.domain.population;

import static io.mtnas.domain.population.Searches.lookup;
import static io.mtnas.domain.population.Searches.maxTask;
import static io.mtnas.domain.population.Searches.score;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtnas.domain.search.StrategySpec;
import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.space.SearchSpace;
import io.mtnas.domain.space.SearchSpaces;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The candidate pools a guided population ranks: candidates(), samples(), incumbentNeighbours(). */
class PopulationPoolsTest {
  private static final SearchSpace NB201 = SearchSpaces.nb201();
  private static final SearchSpace MICRO = SearchSpaces.transNasMicro();
  private static final ToDoubleFunction<Architecture> FITNESS = lookup(Searches.randomTable(NB201, 3));

  private static PopulationState evaluated(PopulationState state, int evaluations, SplittableRandom rng) {
    for (int i = 0; i < evaluations; i++) {
      Proposal p = state.propose(rng);
      state = p.next().integrate(score(p.candidate(), FITNESS.applyAsDouble(p.candidate().architecture())));
    }
    return state;
  }

  private static Set<Architecture> architectures(List<Candidate> candidates) {
    return candidates.stream().map(Candidate::architecture).collect(Collectors.toSet());
  }

  private static void assertUncommitted(PopulationState before, PopulationState after, List<Candidate> pool) {
    assertThat(after).isEqualTo(before);
    for (Candidate c : pool) {
      assertThat(c.id()).isEqualTo(before.nextJobId());
      assertThat(before.hasSeen(c.architecture())).as("%s", c.architecture()).isFalse();
    }
  }

  @Test
  void whileThePopulationFillsCandidatesAreDistinctUnseenRandomSamples() {
    PopulationState state = evaluated(PopulationState.of(maxTask(1000), NB201, StrategySpec.rea(10, 5)), 3,
        new SplittableRandom(1));
    PopulationState before = state;
    List<Candidate> pool = state.candidates(new SplittableRandom(2), 20);
    assertThat(pool).hasSize(20);
    assertThat(architectures(pool)).hasSize(20);
    assertThat(pool).allSatisfy(c -> {
      assertThat(c.origin()).isEqualTo(Origin.RANDOM);
      assertThat(c.parent()).isEmpty();
    });
    assertUncommitted(before, state, pool);
  }

  @Test
  void onceFilledCandidatesAreDistinctUnseenMutantsOfTheLiving() {
    PopulationState state = evaluated(PopulationState.of(maxTask(1000), NB201, StrategySpec.rea(10, 5)), 30,
        new SplittableRandom(3));
    List<Architecture> living = state.population().stream().map(Individual::architecture).toList();
    List<Candidate> pool = state.candidates(new SplittableRandom(4), 20);
    assertThat(pool).isNotEmpty().hasSizeLessThanOrEqualTo(20);
    assertThat(architectures(pool)).hasSameSizeAs(pool);
    assertThat(pool).allSatisfy(c -> {
      assertThat(c.origin()).isEqualTo(Origin.MUTATION);
      assertThat(living).contains(c.parent().orElseThrow());
      assertThat(c.architecture().distance(c.parent().get())).isEqualTo(1);
    });
    assertUncommitted(state, state, pool);
    // pure in (state, draws)
    assertThat(state.candidates(new SplittableRandom(4), 20)).isEqualTo(pool);
    assertThat(state.candidates(new SplittableRandom(5), 20)).isNotEqualTo(pool);
    // and proposing one of them is allowed
    Candidate pick = pool.get(pool.size() - 1);
    Proposal p = state.proposeExternal(pick.architecture(), pick.origin(), pick.parent());
    assertThat(p.candidate()).isEqualTo(pick);
  }

  @Test
  void candidatesNeverRepeatAndStopAtTheDistinctMutantsThereAre() {
    // K = 1: every mutant is a one-edge neighbour of the single living individual (18 in micro)
    PopulationState state = evaluated(PopulationState.of(maxTask(1000), MICRO, StrategySpec.rea(1, 1)), 1,
        new SplittableRandom(6));
    Architecture parent = state.population().get(0).architecture();
    List<Candidate> pool = state.candidates(new SplittableRandom(7), 50);
    assertThat(architectures(pool)).hasSameSizeAs(pool).isEqualTo(Set.copyOf(MICRO.neighbours(parent)));
  }

  @Test
  void randomSearchCandidatesAreRandomSamples() {
    PopulationState state = evaluated(PopulationState.of(maxTask(1000), NB201, StrategySpec.random()), 50,
        new SplittableRandom(8));
    List<Candidate> pool = state.candidates(new SplittableRandom(9), 30);
    assertThat(pool).hasSize(30).allSatisfy(c -> assertThat(c.origin()).isEqualTo(Origin.RANDOM));
    assertThat(architectures(pool)).hasSize(30);
    assertUncommitted(state, state, pool);
  }

  @Test
  void samplesAreDistinctUnseenUniformDrawsNotCommitted() {
    PopulationState state = evaluated(PopulationState.of(maxTask(1000), NB201, StrategySpec.rea(10, 5)), 40,
        new SplittableRandom(10));
    List<Candidate> samples = state.samples(new SplittableRandom(11), 100);
    assertThat(samples).hasSize(100);
    assertThat(architectures(samples)).hasSize(100);
    assertThat(samples).allSatisfy(c -> {
      assertThat(c.origin()).isEqualTo(Origin.RANDOM);
      assertThat(c.parent()).isEmpty();
    });
    assertUncommitted(state, state, samples);
    assertThat(state.samples(new SplittableRandom(11), 100)).isEqualTo(samples);
  }

  @Test
  void nearlyExhaustedSamplesAreExactlyTheUnseenArchitectures() {
    PopulationState state = PopulationState.of(maxTask(10_000), MICRO, StrategySpec.random());
    state = evaluated(state, 4_090, new SplittableRandom(12));
    Set<Architecture> unseen = new HashSet<>();
    for (long i = 0; i < MICRO.size(); i++) {
      if (!state.hasSeen(MICRO.fromIndex(i))) {
        unseen.add(MICRO.fromIndex(i));
      }
    }
    assertThat(unseen).hasSize(6);
    List<Candidate> samples = state.samples(new SplittableRandom(13), 100);
    assertThat(samples).hasSize(6);
    assertThat(architectures(samples)).isEqualTo(unseen);
  }

  @Test
  void incumbentNeighboursAreTheUnseenNeighboursOfTheBestEvenAfterItDied() {
    PopulationState state = PopulationState.of(maxTask(100), NB201, StrategySpec.rea(2, 2));
    assertThat(state.incumbentNeighbours()).isEmpty();

    Architecture incumbent = NB201.fromIndex(6111);
    List<Architecture> neighbours = NB201.neighbours(incumbent);
    state = integrate(state, incumbent, Optional.empty(), 0.9);
    state = integrate(state, neighbours.get(0), Optional.of(incumbent), 0.1);

    List<Candidate> around = state.incumbentNeighbours();
    assertThat(around).hasSize(23);
    assertThat(architectures(around)).isEqualTo(Set.copyOf(neighbours.subList(1, 24)));
    for (Candidate c : around) {
      assertThat(c.origin()).isEqualTo(Origin.MUTATION);
      assertThat(c.parent()).contains(incumbent);
    }
    assertUncommitted(state, state, around);

    // two unrelated results age the incumbent out, and one neighbour is outstanding
    state = integrate(state, NB201.fromIndex(1), Optional.empty(), 0.2);
    state = integrate(state, NB201.fromIndex(2), Optional.empty(), 0.3);
    assertThat(state.population()).extracting(Individual::architecture).doesNotContain(incumbent);
    state = state.proposeExternal(neighbours.get(5), Origin.MUTATION, Optional.of(incumbent)).next();
    assertThat(architectures(state.incumbentNeighbours()))
        .hasSize(22)
        .doesNotContain(neighbours.get(0), neighbours.get(5))
        .allMatch(a -> a.distance(incumbent) == 1);

    // a better result becomes the incumbent
    Architecture better = NB201.fromIndex(9930);
    state = integrate(state, better, Optional.empty(), 0.95);
    assertThat(state.incumbentNeighbours()).allSatisfy(c -> assertThat(c.parent()).contains(better));
  }

  private static PopulationState integrate(
      PopulationState state, Architecture a, Optional<Architecture> parent, double fitness) {
    Proposal p = state.proposeExternal(a, parent.isPresent() ? Origin.MUTATION : Origin.RANDOM, parent);
    return p.next().integrate(score(p.candidate(), fitness));
  }

  @Test
  void aTaskThatWantsNoMoreHasNoPools() {
    PopulationState done = evaluated(PopulationState.of(maxTask(5), NB201, StrategySpec.rea(3, 2)), 5,
        new SplittableRandom(14));
    assertThat(done.wantsMore()).isFalse();
    assertThatThrownBy(() -> done.candidates(new SplittableRandom(1), 5)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> done.samples(new SplittableRandom(1), 5)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(done::incumbentNeighbours).isInstanceOf(IllegalStateException.class);
  }
}
