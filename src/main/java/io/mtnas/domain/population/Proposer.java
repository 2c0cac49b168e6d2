package io.mtnas.domain.population;

import io.mtnas.domain.evaluation.JobId;
import io.mtnas.domain.search.StrategySpec;
import java.util.random.RandomGenerator;

/** A strategy's rule for the next candidate; pure in (state, random draws). */
interface Proposer {
  /** Called only while {@code state.wantsMore()}. */
  Candidate propose(PopulationState state, JobId id, RandomGenerator rng);

  static Proposer of(StrategySpec.Kind kind) {
    return switch (kind) {
      case RANDOM -> RandomSearch.INSTANCE;
      case REA -> RegularizedEvolution.INSTANCE;
    };
  }
}
