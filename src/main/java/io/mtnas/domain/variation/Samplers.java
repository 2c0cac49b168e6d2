package io.mtnas.domain.variation;

import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.space.SearchSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/** Uniform sampling from a space, optionally without the excluded architectures. */
public final class Samplers {
  private static final int REJECTION_TRIES = 64;

  private Samplers() {}

  /**
   * A uniformly random architecture that {@code excluded} does not reject, or empty when the whole
   * space is excluded. Rejection sampling while that is cheap; once most of the space is excluded
   * (random search late in a run) it lists the allowed architectures and picks one, which stays
   * uniform: each stage is uniform over the allowed set given that it is reached. The listing is
   * meant for the tabular spaces (thousands of architectures).
   */
  public static Optional<Architecture> uniform(
      SearchSpace space, RandomGenerator rng, Predicate<Architecture> excluded) {
    for (int i = 0; i < REJECTION_TRIES; i++) {
      Architecture a = space.random(rng);
      if (!excluded.test(a)) {
        return Optional.of(a);
      }
    }
    List<Architecture> allowed = new ArrayList<>();
    for (long i = 0; i < space.size(); i++) {
      Architecture a = space.fromIndex(i);
      if (!excluded.test(a)) {
        allowed.add(a);
      }
    }
    return allowed.isEmpty() ? Optional.empty() : Optional.of(allowed.get(rng.nextInt(allowed.size())));
  }
}
