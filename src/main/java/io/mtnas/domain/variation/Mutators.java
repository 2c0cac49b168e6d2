package io.mtnas.domain.variation;

import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.space.SearchSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Factories of {@link Mutator}s. */
public final class Mutators {
  private Mutators() {}

  /**
   * Changes one uniformly chosen edge to a different uniformly chosen operation, avoiding excluded
   * architectures. When every one-edge neighbour is excluded it widens the ring (two edges, three,
   * ...) and picks uniformly among the non-excluded architectures of the nearest ring, so a
   * population that avoids re-evaluations keeps moving instead of stalling.
   */
  public static Mutator oneEdge() {
    return (parent, rng, excluded) -> {
      SearchSpace space = parent.space();
      List<Architecture> ring = space.neighbours(parent);
      List<Architecture> allowed = allowed(ring, excluded);
      if (!allowed.isEmpty()) {
        return Optional.of(allowed.get(rng.nextInt(allowed.size())));
      }
      for (int distance = 2; distance <= parent.edgeCount(); distance++) {
        List<Architecture> wider = new ArrayList<>();
        for (long i = 0; i < space.size(); i++) {
          Architecture a = space.fromIndex(i);
          if (a.distance(parent) == distance && !excluded.test(a)) {
            wider.add(a);
          }
        }
        if (!wider.isEmpty()) {
          return Optional.of(wider.get(rng.nextInt(wider.size())));
        }
      }
      return Optional.empty();
    };
  }

  private static List<Architecture> allowed(List<Architecture> ring, Predicate<Architecture> excluded) {
    List<Architecture> allowed = new ArrayList<>(ring.size());
    for (Architecture a : ring) {
      if (!excluded.test(a)) {
        allowed.add(a);
      }
    }
    return allowed;
  }
}
