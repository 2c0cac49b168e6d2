package io.mtnas.domain.population;

import io.mtnas.domain.evaluation.JobId;
import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.variation.Mutator;
import io.mtnas.domain.variation.Mutators;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Regularized evolution (Real et al. 2019), steady-state and asynchronous as MT-NAS runs it on
 * NB201: K random individuals first, then each candidate is a one-edge mutation of the winner of a
 * size-S tournament among the living. Aging (the oldest dies) happens in {@link PopulationState}
 * when a child is integrated.
 */
final class RegularizedEvolution implements Proposer {
  static final RegularizedEvolution INSTANCE = new RegularizedEvolution();

  private static final Mutator MUTATOR = Mutators.oneEdge();

  private RegularizedEvolution() {}

  @Override
  public Candidate propose(PopulationState state, JobId id, RandomGenerator rng) {
    int populationSize = state.strategy().populationSize();
    // Nobody alive yet can only happen when more than K evaluations run at once: sample instead.
    if (state.evaluations() + state.outstandingCount() < populationSize || state.population().isEmpty()) {
      return new Candidate(id, state.sampleUniform(rng), Origin.RANDOM, Optional.empty());
    }
    Individual parent =
        Tournament.select(
            state.population(), state.strategy().tournamentSize(), state.task().direction(), rng);
    Predicate<Architecture> excluded =
        state.strategy().avoidSeen() ? state::hasSeen : architecture -> false;
    Architecture child =
        MUTATOR
            .mutate(parent.architecture(), rng, excluded)
            .orElseThrow(() -> new IllegalStateException("every architecture of the space was seen"));
    return new Candidate(id, child, Origin.MUTATION, Optional.of(parent.architecture()));
  }
}
