package io.mtnas.domain.population;

import io.mtnas.domain.evaluation.Direction;
import java.util.List;
import java.util.random.RandomGenerator;

/** Tournament selection: the best of a uniform sample drawn without replacement. */
final class Tournament {
  private Tournament() {}

  /**
   * Samples {@code min(size, contestants)} individuals without replacement and returns the best by
   * {@code direction}; among equal fitnesses the first drawn wins, i.e. ties break at random.
   */
  static Individual select(
      List<Individual> contestants, int size, Direction direction, RandomGenerator rng) {
    int n = contestants.size();
    if (n == 0) {
      throw new IllegalArgumentException("a tournament needs at least one contestant");
    }
    int draws = Math.min(size, n);
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Individual best = null;
    for (int i = 0; i < draws; i++) {
      int j = i + rng.nextInt(n - i);
      int picked = order[j];
      order[j] = order[i];
      order[i] = picked;
      Individual drawn = contestants.get(picked);
      if (best == null || direction.isBetter(drawn.fitness(), best.fitness())) {
        best = drawn;
      }
    }
    return best;
  }
}
