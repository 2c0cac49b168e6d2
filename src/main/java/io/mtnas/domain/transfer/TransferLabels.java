package io.mtnas.domain.transfer;

import io.mtnas.domain.evaluation.Direction;
import io.mtnas.domain.population.Individual;
import io.mtnas.domain.space.Architecture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The target side of transfer: which transferred architectures still await their label. A label is
 * decided in steady state as soon as it can be: positive when a child of the transferred
 * architecture is integrated into the top r of the target's population, negative when the
 * transferred individual leaves the population (aged out) without such a child. Immutable.
 */
public final class TransferLabels {
  private final String target;
  private final double eliteRatio;
  private final Map<Architecture, String> pending;

  private TransferLabels(String target, double eliteRatio, Map<Architecture, String> pending) {
    this.target = target;
    this.eliteRatio = eliteRatio;
    this.pending = pending;
  }

  public static TransferLabels of(String target, double eliteRatio) {
    return new TransferLabels(target, eliteRatio, Map.of());
  }

  /** The next state and the labels decided by it. */
  public record Update(TransferLabels labels, List<Label> decided) {}

  /** A transferred architecture was evaluated on the target and joined its population. */
  public TransferLabels arrived(Architecture architecture, String source) {
    Map<Architecture, String> next = new LinkedHashMap<>(pending);
    next.put(architecture, source);
    return new TransferLabels(target, eliteRatio, next);
  }

  /**
   * After the target integrated {@code child} (bred from {@code parent}, if any) and its
   * population became {@code population}.
   */
  public Update integrated(
      Individual child, Optional<Architecture> parent, List<Individual> population, Direction direction, int round) {
    List<Label> decided = new ArrayList<>();
    Map<Architecture, String> next = new LinkedHashMap<>(pending);
    if (parent.isPresent() && next.containsKey(parent.get()) && inElite(child, population, direction)) {
      decided.add(new Label(parent.get(), next.remove(parent.get()), target, true, round));
    }
    for (Architecture a : List.copyOf(next.keySet())) {
      boolean alive = population.stream().anyMatch(i -> i.architecture().equals(a));
      if (!alive) {
        decided.add(new Label(a, next.remove(a), target, false, round));
      }
    }
    return new Update(new TransferLabels(target, eliteRatio, next), decided);
  }

  /** Whether {@code child} is among the best ceil(r * size) of the population. */
  boolean inElite(Individual child, List<Individual> population, Direction direction) {
    int elite = Math.max(1, (int) Math.ceil(eliteRatio * population.size()));
    long better = population.stream().filter(i -> direction.isBetter(i.fitness(), child.fitness())).count();
    return better < elite && population.contains(child);
  }

  public int pendingCount() {
    return pending.size();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TransferLabels other && target.equals(other.target)
        && Double.compare(eliteRatio, other.eliteRatio) == 0 && pending.equals(other.pending)
        && List.copyOf(pending.keySet()).equals(List.copyOf(other.pending.keySet()));
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(target, pending);
  }
}
