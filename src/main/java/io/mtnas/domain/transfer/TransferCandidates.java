package io.mtnas.domain.transfer;

import io.mtnas.domain.predictor.Observation;
import io.mtnas.domain.space.Architecture;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What transfer may offer a target: the other tasks' current populations, rebuilt from the
 * search's results (under regularized evolution a population is a task's last K scored
 * individuals), less what the target has already evaluated, each architecture once (the first
 * source in task order keeps it).
 */
public final class TransferCandidates {
  private TransferCandidates() {}

  public static List<Offer> of(String target, List<String> tasks, int populationSize, List<Observation> known) {
    Map<String, Deque<Observation>> populations = populations(tasks, populationSize, known);
    Set<Architecture> evaluatedByTarget = new HashSet<>();
    for (Observation o : known) {
      if (o.task().equals(target) && populations.containsKey(target)) {
        evaluatedByTarget.add(o.architecture());
      }
    }
    Map<Architecture, Offer> offers = new LinkedHashMap<>();
    for (String source : tasks) {
      if (source.equals(target)) {
        continue;
      }
      for (Observation o : populations.get(source)) {
        if (!evaluatedByTarget.contains(o.architecture())) {
          offers.putIfAbsent(o.architecture(), new Offer(o.architecture(), source, 0));
        }
      }
    }
    return new ArrayList<>(offers.values());
  }

  /** Each task's current population, oldest first: its last {@code populationSize} scored results. */
  public static Map<String, Deque<Observation>> populations(List<String> tasks, int populationSize,
      List<Observation> known) {
    Map<String, Deque<Observation>> populations = new LinkedHashMap<>();
    tasks.forEach(t -> populations.put(t, new ArrayDeque<>()));
    for (Observation o : known) {
      Deque<Observation> pop = populations.get(o.task());
      if (pop != null) {
        pop.addLast(o);
        if (pop.size() > populationSize) {
          pop.removeFirst();
        }
      }
    }
    return populations;
  }
}
