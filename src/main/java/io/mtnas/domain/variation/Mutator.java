package io.mtnas.domain.variation;

import io.mtnas.domain.space.Architecture;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/** Makes a child from one parent. */
public interface Mutator {
  /**
   * A child of {@code parent} that {@code excluded} does not reject, or empty when every
   * architecture the mutator could reach is excluded.
   */
  Optional<Architecture> mutate(Architecture parent, RandomGenerator rng, Predicate<Architecture> excluded);

  /** A child with nothing excluded. */
  default Architecture mutate(Architecture parent, RandomGenerator rng) {
    return mutate(parent, rng, a -> false).orElseThrow();
  }
}
