package io.mtnas.domain.variation;

import io.mtnas.domain.space.Architecture;
import java.util.random.RandomGenerator;

/** Makes a child from two parents of the same space. */
public interface Crossover {
  Architecture cross(Architecture first, Architecture second, RandomGenerator rng);
}
