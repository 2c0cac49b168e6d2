package io.mtnas.domain.population;

import io.mtnas.domain.evaluation.JobId;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** Uniform sampling from the whole space; without replacement when the strategy avoids seen ones. */
final class RandomSearch implements Proposer {
  static final RandomSearch INSTANCE = new RandomSearch();

  private RandomSearch() {}

  @Override
  public Candidate propose(PopulationState state, JobId id, RandomGenerator rng) {
    return new Candidate(id, state.sampleUniform(rng), Origin.RANDOM, Optional.empty());
  }
}
