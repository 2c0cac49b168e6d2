package io.mtnas.domain.population;

import static io.mtnas.domain.population.Searches.lookup;
import static io.mtnas.domain.population.Searches.maxTask;
import static io.mtnas.domain.population.Searches.score;
import static org.assertj.core.api.Assertions.assertThat;

import io.mtnas.domain.search.GuidanceSpec;
import io.mtnas.domain.search.StrategySpec;
import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.space.SearchSpace;
import io.mtnas.domain.space.SearchSpaces;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** The guided population's pool and its order, without actors. */
class GuidedChoiceTest {
  private static final SearchSpace NB201 = SearchSpaces.nb201();
  private static final ToDoubleFunction<Architecture> FITNESS = lookup(Searches.randomTable(NB201, 5));
  private static final GuidanceSpec GUIDANCE = new GuidanceSpec(5, 8, true, true, true, true);

  private static PopulationState evaluated(int evaluations) {
    PopulationState state = PopulationState.of(maxTask(1000), NB201, StrategySpec.rea(10, 5));
    SplittableRandom rng = new SplittableRandom(3);
    for (int i = 0; i < evaluations; i++) {
      Proposal p = state.propose(rng);
      state = p.next().integrate(score(p.candidate(), FITNESS.applyAsDouble(p.candidate().architecture())));
    }
    return state;
  }

  @Test
  void thePoolHoldsEachArchitectureOnceInItsOrderOfSources() {
    PopulationState state = evaluated(20);
    Architecture transfer = NB201.fromIndex(12_345);
    List<Candidate> pool = GuidedChoice.pool(state, GUIDANCE, List.of(transfer, transfer), Optional.of(FITNESS), 1,
        new SplittableRandom(1));
    assertThat(pool.stream().map(Candidate::architecture).distinct()).hasSameSizeAs(pool);
    assertThat(pool.subList(0, 5)).allMatch(c -> c.origin() == Origin.MUTATION);
    assertThat(pool).filteredOn(c -> c.origin() == Origin.TRANSFER).extracting(Candidate::architecture)
        .containsExactly(transfer);
    assertThat(pool).containsAll(state.incumbentNeighbours());
    assertThat(pool).allMatch(c -> !state.hasSeen(c.architecture()));
  }

  @Test
  void thePredictorOrdersThePoolExceptOnOneTurnInFive() {
    List<Candidate> pool = GuidedChoice.pool(evaluated(20), GUIDANCE, List.of(), Optional.empty(), 1,
        new SplittableRandom(2));
    double[] predicted = new double[pool.size()];
    for (int i = 0; i < predicted.length; i++) {
      predicted[i] = i; // the last is predicted best
    }
    ToDoubleFunction<Architecture> proxy = a -> -a.index();
    int predictorTurns = 0;
    SplittableRandom rng = new SplittableRandom(4);
    for (int round = 0; round < 1000; round++) {
      List<Candidate> ranked = GuidedChoice.ranked(pool, Optional.of(predicted), Optional.of(proxy), GuidedChoice.OTHER_TURN, rng);
      if (ranked.get(0).equals(pool.get(pool.size() - 1))) {
        predictorTurns++;
      } else {
        long lowest = pool.stream().mapToLong(c -> c.architecture().index()).min().orElseThrow();
        assertThat(ranked.get(0).architecture().index()).isEqualTo(lowest); // the proxy's pick
      }
    }
    assertThat(predictorTurns).isBetween(760, 840); // 4 in 5, binomial sd about 13
  }

  @Test
  void withoutScoresOrProxyThePoolKeepsItsOrder() {
    List<Candidate> pool = GuidedChoice.pool(evaluated(20), GUIDANCE, List.of(), Optional.empty(), 1,
        new SplittableRandom(5));
    assertThat(GuidedChoice.ranked(pool, Optional.empty(), Optional.empty(), GuidedChoice.OTHER_TURN, new SplittableRandom(6)))
        .containsExactlyElementsOf(pool);
  }

  @Test
  void aGaussianProcessMakesEveryPickWhileTreesLeaveOneInFive() {
    GuidanceSpec trees = new GuidanceSpec(20, 100, true, true, true, false);
    assertThat(GuidedChoice.otherTurnShare(trees)).isEqualTo(0.2);
    assertThat(GuidedChoice.otherTurnShare(trees.withModel(GuidanceSpec.Model.GP))).isZero();
    List<Candidate> pool = GuidedChoice.pool(evaluated(20), GUIDANCE, List.of(), Optional.empty(), 1,
        new SplittableRandom(5));
    double[] predicted = new double[pool.size()];
    predicted[pool.size() - 1] = 1;
    SplittableRandom rng = new SplittableRandom(4);
    for (int round = 0; round < 200; round++) {
      assertThat(GuidedChoice.ranked(pool, Optional.of(predicted), Optional.empty(), 0, rng).get(0))
          .isEqualTo(pool.get(pool.size() - 1));
    }
  }
}
