package io.mtnas.domain.transfer;

import io.mtnas.domain.embedding.Embedder;
import io.mtnas.domain.evaluation.Direction;
import io.mtnas.domain.predictor.Observation;
import io.mtnas.domain.space.Architecture;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A joining task's first population, from what the search knows as of its join: the other tasks'
 * current populations, best first, or as the target's transfer history votes when it has one (a
 * task that has transferred nothing yet has one only from earlier searches, {@code warm_from}); and
 * the archive ranked by the shared predictor; alternating when both. Pure: the same data gives the
 * same picks.
 */
public final class WarmStart {
  private WarmStart() {}

  /**
   * The other tasks' current populations (their last {@code populationSize} results), each sorted
   * best first in its task's direction, taken in turn (task order), each architecture once.
   */
  public static List<Offer> elites(String target, List<String> tasks, int populationSize, List<Observation> known,
      Map<String, Direction> directions, int size) {
    Map<String, Deque<Observation>> populations = TransferCandidates.populations(
        tasks.stream().filter(t -> !t.equals(target)).toList(), populationSize, known);
    List<Deque<Observation>> ranked = new ArrayList<>();
    populations.forEach((task, pop) -> {
      Direction d = directions.getOrDefault(task, Direction.MAX);
      List<Observation> sorted = new ArrayList<>(pop);
      sorted.sort((x, y) -> d.compareBestFirst(x.fitness(), y.fitness()));
      ranked.add(new ArrayDeque<>(sorted));
    });
    List<Offer> picks = new ArrayList<>();
    Set<Architecture> taken = new LinkedHashSet<>();
    boolean any = true;
    while (picks.size() < size && any) {
      any = false;
      for (Deque<Observation> pop : ranked) {
        while (!pop.isEmpty() && picks.size() < size) {
          Observation o = pop.removeFirst();
          if (taken.add(o.architecture())) {
            picks.add(new Offer(o.architecture(), o.task(), o.fitness()));
            any = true;
            break;
          }
        }
      }
    }
    return picks;
  }

  /**
   * The {@code size} of {@code pool} that {@code voters} score highest (each voter adds its label to
   * its most similar member, as transfer rank votes), ties in pool order; the pool's first {@code
   * size} when nobody votes.
   */
  public static List<Offer> voted(List<Offer> pool, List<Label> voters, Embedder embedder, int size) {
    if (voters.isEmpty() || pool.isEmpty()) {
      return pool.subList(0, Math.min(size, pool.size()));
    }
    return best(pool, TransferRank.vote(pool, voters, embedder), size);
  }

  /**
   * The {@code size} best of the archive of {@code known} (every architecture evaluated, once) by
   * {@code score}, which gives one score per architecture of the pool it is handed.
   */
  public static List<Offer> bestOfArchive(List<Observation> known, Function<List<Architecture>, double[]> score,
      int size) {
    List<Offer> archive = archive(known);
    if (archive.isEmpty()) {
      return List.of();
    }
    return best(archive, score.apply(archive.stream().map(Offer::architecture).toList()), size);
  }

  /** Every architecture the search evaluated as of its data, once, with the task that evaluated it first. */
  public static List<Offer> archive(List<Observation> known) {
    Map<Architecture, Offer> first = new LinkedHashMap<>();
    for (Observation o : known) {
      first.putIfAbsent(o.architecture(), new Offer(o.architecture(), o.task(), 0));
    }
    return new ArrayList<>(first.values());
  }

  /** The {@code size} best of the archive by predicted score (ties in archive order). */
  public static List<Offer> best(List<Offer> archive, double[] scores, int size) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < archive.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble((Integer i) -> -scores[i]));
    List<Offer> picks = new ArrayList<>();
    for (int i : order.subList(0, Math.min(size, order.size()))) {
      picks.add(new Offer(archive.get(i).architecture(), archive.get(i).source(), scores[i]));
    }
    return picks;
  }

  /** Both lists in turn, first {@code first}'s, each architecture once, at most {@code size}. */
  public static List<Offer> alternate(List<Offer> first, List<Offer> second, int size) {
    List<Offer> out = new ArrayList<>();
    Set<Architecture> taken = new LinkedHashSet<>();
    for (int i = 0; out.size() < size && (i < first.size() || i < second.size()); i++) {
      for (List<Offer> list : List.of(first, second)) {
        if (i < list.size() && out.size() < size && taken.add(list.get(i).architecture())) {
          out.add(list.get(i));
        }
      }
    }
    return out;
  }
}
