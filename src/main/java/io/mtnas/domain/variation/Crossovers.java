package io.mtnas.domain.variation;

import io.mtnas.domain.space.Architecture;

/** Factories of {@link Crossover}s. */
public final class Crossovers {
  private Crossovers() {}

  /** Each edge's operation comes from either parent with probability 1/2. */
  public static Crossover uniform() {
    return (first, second, rng) -> {
      requireSameSpace(first, second);
      int[] ops = first.operations();
      for (int e = 0; e < ops.length; e++) {
        if (rng.nextBoolean()) {
          ops[e] = second.operation(e);
        }
      }
      return first.space().of(ops);
    };
  }

  /** Edges before a uniformly chosen cut point (1..edges-1) from the first parent, the rest from the second. */
  public static Crossover onePoint() {
    return (first, second, rng) -> {
      requireSameSpace(first, second);
      int[] ops = first.operations();
      if (ops.length < 2) {
        throw new IllegalArgumentException("one-point crossover needs at least 2 edges, got " + ops.length);
      }
      int cut = 1 + rng.nextInt(ops.length - 1);
      for (int e = cut; e < ops.length; e++) {
        ops[e] = second.operation(e);
      }
      return first.space().of(ops);
    };
  }

  private static void requireSameSpace(Architecture first, Architecture second) {
    if (!first.space().id().equals(second.space().id())) {
      throw new IllegalArgumentException(
          "cannot cross architectures of spaces " + first.space().id() + " and " + second.space().id());
    }
  }
}
