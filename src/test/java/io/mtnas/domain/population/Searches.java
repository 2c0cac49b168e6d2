package io.mtnas.domain.population;

import io.mtnas.domain.evaluation.Direction;
import io.mtnas.domain.evaluation.EvaluationOutcome;
import io.mtnas.domain.search.TaskSpec;
import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.space.SearchSpace;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;

/** Synthetic tasks, fitness landscapes and a sequential driver for population tests. */
final class Searches {
  private Searches() {}

  static TaskSpec task(String name, Direction direction, OptionalDouble threshold, int budget) {
    return new TaskSpec(
        name, "synthetic", "fitness", direction, threshold, budget, List.of(), List.of(), Optional.empty());
  }

  static TaskSpec maxTask(int budget) {
    return task("t", Direction.MAX, OptionalDouble.empty(), budget);
  }

  /** Independent uniform fitness per architecture: a needle-in-a-haystack for random search. */
  static double[] randomTable(SearchSpace space, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] table = new double[(int) space.size()];
    for (int i = 0; i < table.length; i++) {
      table[i] = rng.nextDouble();
    }
    return table;
  }

  /**
   * Additive per-edge operation weights plus a smaller per-architecture noise: correlated
   * neighbours (so mutation helps, as on NB201) with a rugged surface and one optimum.
   */
  static double[] smoothTable(SearchSpace space, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int ops = space.operations().size();
    double[][] weight = new double[space.edgeCount()][ops];
    for (double[] edge : weight) {
      for (int op = 0; op < ops; op++) {
        edge[op] = rng.nextDouble();
      }
    }
    double[] table = new double[(int) space.size()];
    for (int i = 0; i < table.length; i++) {
      Architecture a = space.fromIndex(i);
      double sum = 0;
      for (int e = 0; e < space.edgeCount(); e++) {
        sum += weight[e][a.operation(e)];
      }
      table[i] = sum + 0.5 * rng.nextDouble();
    }
    return table;
  }

  static double max(double[] table) {
    double m = Double.NEGATIVE_INFINITY;
    for (double v : table) {
      m = Math.max(m, v);
    }
    return m;
  }

  static ToDoubleFunction<Architecture> lookup(double[] table) {
    return a -> table[(int) a.index()];
  }

  static EvaluationOutcome.Scored score(Candidate c, double fitness) {
    return new EvaluationOutcome.Scored(c.id(), c.architecture(), fitness, Map.of(), 1.0);
  }

  static EvaluationOutcome.Failed failure(Candidate c) {
    return new EvaluationOutcome.Failed(
        c.id(), c.architecture(), EvaluationOutcome.FailureKind.INVALID, "synthetic failure");
  }

  /** One evaluation at a time until the state wants no more. */
  static PopulationState runSequential(
      PopulationState state, ToDoubleFunction<Architecture> fitness, RandomGenerator rng) {
    while (state.wantsMore()) {
      Proposal p = state.propose(rng);
      state = p.next().integrate(score(p.candidate(), fitness.applyAsDouble(p.candidate().architecture())));
    }
    return state;
  }
}
