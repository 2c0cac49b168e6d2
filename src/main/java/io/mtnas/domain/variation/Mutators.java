package io.mtnas.domain.variation;

import io.mtnas.domain.space.Architecture;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Factories of {@link Mutator}s. */
public final class Mutators {
  private Mutators() {}

  /**
   * Changes one edge to a different operation, uniformly over the one-edge neighbours that are
   * not excluded (with nothing excluded: a uniform edge, then a uniform other operation). When
   * every neighbour is excluded it widens the ring (two edges, three, ...) and picks uniformly
   * among the non-excluded architectures of the nearest ring, so a population that avoids
   * re-evaluations keeps moving instead of stalling; empty only when every other architecture
   * is excluded.
   */
  public static Mutator oneEdge() {
    return (parent, rng, excluded) -> {
      for (int distance = 1; distance <= parent.edgeCount(); distance++) {
        List<Architecture> ring = allowedRing(parent, distance, excluded);
        if (!ring.isEmpty()) {
          return Optional.of(ring.get(rng.nextInt(ring.size())));
        }
      }
      return Optional.empty();
    };
  }

  /**
   * The non-excluded architectures exactly {@code distance} edges away, enumerated directly (the
   * ring, not the whole space, is visited), by ascending edge then operation.
   */
  static List<Architecture> allowedRing(Architecture parent, int distance, Predicate<Architecture> excluded) {
    List<Architecture> ring = new ArrayList<>();
    collectRing(parent, parent.operations(), 0, distance, excluded, ring);
    return ring;
  }

  private static void collectRing(Architecture parent, int[] ops, int edge, int changesLeft,
      Predicate<Architecture> excluded, List<Architecture> ring) {
    if (changesLeft == 0) {
      Architecture candidate = parent.space().of(ops);
      if (!excluded.test(candidate)) {
        ring.add(candidate);
      }
      return;
    }
    if (parent.edgeCount() - edge < changesLeft) {
      return;
    }
    int own = parent.operation(edge);
    for (int op = 0; op < parent.space().operations().size(); op++) {
      if (op != own) {
        ops[edge] = op;
        collectRing(parent, ops, edge + 1, changesLeft - 1, excluded, ring);
      }
    }
    ops[edge] = own;
    collectRing(parent, ops, edge + 1, changesLeft, excluded, ring);
  }
}
