package io.mtnas.domain.population;

import io.mtnas.domain.search.StrategySpec;
import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.space.SearchSpace;
import io.mtnas.domain.space.SearchSpaces;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Rough propose+integrate throughput on NB201 (8,000 evaluations per run, as a random-search
 * benchmark task). Off by default: {@code mvn -B -o test -Dtest=PopulationThroughputBenchmark
 * -Dmtnas.bench=true}; figures go to the test's output file.
 */
@EnabledIfSystemProperty(named = "mtnas.bench", matches = "true")
class PopulationThroughputBenchmark {
  private static final SearchSpace NB201 = SearchSpaces.nb201();
  private static final int STEPS = 8_000;

  @Test
  void stepsPerSecond() {
    ToDoubleFunction<Architecture> fitness = Searches.lookup(Searches.smoothTable(NB201, 1));
    for (StrategySpec strategy : new StrategySpec[] {StrategySpec.random(), StrategySpec.rea(10, 5)}) {
      for (int round = 0; round < 6; round++) {
        int runs = 10;
        long started = System.nanoTime();
        for (int seed = 0; seed < runs; seed++) {
          PopulationState state = PopulationState.of(Searches.maxTask(STEPS), NB201, strategy);
          Searches.runSequential(state, fitness, new SplittableRandom(seed));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
            "%s round %d: %.0f steps/s (%d runs of %d)%n",
            strategy.kind().id(), round, runs * STEPS / seconds, runs, STEPS);
      }
    }
  }
}
