package io.mtnas.domain.population;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtnas.domain.evaluation.Direction;
import io.mtnas.domain.search.StrategySpec;
import io.mtnas.domain.space.SearchSpace;
import io.mtnas.domain.space.SearchSpaces;
import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Seeded statistical checks of how fast each strategy finds a unique optimum. */
class SearchEfficiencyTest {

  /** Evaluations until the task's unique optimum was found. */
  private static int evaluationsToOptimum(
      SearchSpace space, double[] table, StrategySpec strategy, long seed) {
    PopulationState state =
        PopulationState.of(
            Searches.task("t", Direction.MAX, OptionalDouble.of(Searches.max(table)), (int) space.size()),
            space,
            strategy);
    state = Searches.runSequential(state, Searches.lookup(table), new SplittableRandom(seed));
    return state.solvedAt().orElseThrow();
  }

  @Test
  void randomSearchWithoutReplacementNeedsHalfTheSpaceOnAverage() {
    // The optimum's position in a uniform random order is uniform on 1..N: mean (N+1)/2.
    SearchSpace space = SearchSpaces.transNasMicro();
    double[] table = Searches.randomTable(space, 5);
    int runs = 300;
    double[] found =
        LongStream.range(0, runs)
            .mapToDouble(seed -> evaluationsToOptimum(space, table, StrategySpec.random(), seed))
            .toArray();
    double n = space.size();
    double mean = Arrays.stream(found).average().orElseThrow();
    double standardError = Math.sqrt((n * n - 1) / 12) / Math.sqrt(runs);
    assertThat(Math.abs(mean - (n + 1) / 2)).isLessThan(4 * standardError);
    // Uniform, not merely the right mean: about half the runs finish in the first half.
    long firstHalf = Arrays.stream(found).filter(e -> e <= n / 2).count();
    assertThat(Math.abs(firstHalf - runs / 2.0)).isLessThan(4 * Math.sqrt(runs / 4.0));
  }

  @Test
  void regularizedEvolutionFindsTheOptimumOfACorrelatedLandscapeFarFasterThanRandomSearch() {
    SearchSpace space = SearchSpaces.nb201();
    double[] table = Searches.smoothTable(space, 17);
    int runs = 20;
    double rea = LongStream.range(0, runs)
        .mapToDouble(seed -> evaluationsToOptimum(space, table, StrategySpec.rea(10, 5), seed))
        .average().orElseThrow();
    double random = LongStream.range(0, runs)
        .mapToDouble(seed -> evaluationsToOptimum(space, table, StrategySpec.random(), 1000 + seed))
        .average().orElseThrow();

    // Random search averages (N+1)/2 = 7813; REA climbs the correlated surface.
    assertThat(random).isBetween(7813 - 4 * 4511 / Math.sqrt(runs), 7813 + 4 * 4511 / Math.sqrt(runs));
    assertThat(rea).isLessThan(random / 10);
  }
}
