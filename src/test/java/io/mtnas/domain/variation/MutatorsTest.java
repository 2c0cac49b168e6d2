package io.mtnas.domain.variation;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.space.ChiSquare;
import io.mtnas.domain.space.SearchSpace;
import io.mtnas.domain.space.SearchSpaces;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MutatorsTest {
  private static final SearchSpace NB201 = SearchSpaces.nb201();
  private static final SearchSpace TRANSNAS = SearchSpaces.transNasMicro();
  private static final Mutator MUTATOR = Mutators.oneEdge();

  @Test
  void changesExactlyOneEdgeWhenNothingIsExcluded() {
    SplittableRandom rng = new SplittableRandom(1);
    for (int i = 0; i < 2_000; i++) {
      Architecture parent = NB201.random(rng);
      assertThat(MUTATOR.mutate(parent, rng).distance(parent)).isEqualTo(1);
    }
  }

  @Test
  void isUniformOverTheNeighbours() {
    Architecture parent = NB201.parse("421211");
    List<Architecture> neighbours = NB201.neighbours(parent);
    long[] counts = countChildren(parent, neighbours, a -> false, 1_000 * neighbours.size(), 2);
    // 23 df: critical value 49.7 at 0.001
    assertThat(ChiSquare.uniformStatistic(counts)).isLessThan(ChiSquare.criticalValue999(neighbours.size() - 1));
  }

  @Test
  void isUniformOverTheAllowedNeighboursAndNeverReturnsAnExcludedOne() {
    Architecture parent = TRANSNAS.parse("64-41414-1_02_333");
    List<Architecture> neighbours = TRANSNAS.neighbours(parent);
    Set<Architecture> excluded = Set.copyOf(neighbours.subList(3, 8));
    List<Architecture> allowed = new ArrayList<>(neighbours);
    allowed.removeAll(excluded);
    long[] counts = countChildren(parent, allowed, excluded::contains, 1_000 * allowed.size(), 3);
    assertThat(allowed).hasSize(13);
    assertThat(ChiSquare.uniformStatistic(counts)).isLessThan(ChiSquare.criticalValue999(allowed.size() - 1));
  }

  @Test
  void widensToDistanceTwoUniformlyWhenEveryNeighbourIsExcluded() {
    Architecture parent = TRANSNAS.parse("64-41414-0_13_202");
    Set<Architecture> neighbours = Set.copyOf(TRANSNAS.neighbours(parent));
    List<Architecture> ringTwo =
        everyArchitecture(TRANSNAS).stream().filter(a -> a.distance(parent) == 2).toList();
    // C(6,2) edge pairs x 3 x 3 other operations
    assertThat(ringTwo).hasSize(135);
    long[] counts = countChildren(parent, ringTwo, neighbours::contains, 200 * ringTwo.size(), 4);
    assertThat(ChiSquare.uniformStatistic(counts)).isLessThan(ChiSquare.criticalValue999(ringTwo.size() - 1));
  }

  @Test
  void widensFurtherWhileRingsAreExcluded() {
    Architecture parent = NB201.parse("000000");
    SplittableRandom rng = new SplittableRandom(5);
    for (int ring = 2; ring <= 6; ring++) {
      int distance = ring;
      Predicate<Architecture> nearerExcluded = a -> a.distance(parent) < distance;
      for (int i = 0; i < 50; i++) {
        Architecture child = MUTATOR.mutate(parent, rng, nearerExcluded).orElseThrow();
        assertThat(child.distance(parent)).isEqualTo(distance);
      }
    }
  }

  @Test
  void visitsOnlyTheRingsItNeedsNotTheWholeSpace() {
    Architecture parent = NB201.parse("421211");
    Set<Architecture> neighbours = Set.copyOf(NB201.neighbours(parent));
    AtomicInteger tested = new AtomicInteger();
    Predicate<Architecture> counting = a -> {
      tested.incrementAndGet();
      return neighbours.contains(a);
    };
    assertThat(MUTATOR.mutate(parent, new SplittableRandom(6), counting)).isPresent();
    // ring 1 (24) and ring 2 (15 edge pairs x 4 x 4 = 240), not 15,625
    assertThat(tested).hasValue(24 + 240);
  }

  @Test
  void returnsTheNearestAllowedArchitectureUnderRandomExclusions() {
    SplittableRandom rng = new SplittableRandom(7);
    List<Architecture> all = everyArchitecture(TRANSNAS);
    for (double excludedShare : new double[] {0.5, 0.9, 0.99, 0.999}) {
      Set<Architecture> excluded =
          all.stream().filter(a -> rng.nextDouble() < excludedShare).collect(Collectors.toSet());
      for (int i = 0; i < 100; i++) {
        Architecture parent = TRANSNAS.random(rng);
        int nearest = all.stream().filter(a -> !a.equals(parent) && !excluded.contains(a))
            .mapToInt(a -> a.distance(parent)).min().orElseThrow();
        Architecture child = MUTATOR.mutate(parent, rng, excluded::contains).orElseThrow();
        assertThat(excluded).doesNotContain(child);
        assertThat(child.distance(parent)).isEqualTo(nearest);
      }
    }
  }

  @Test
  void isEmptyWhenEveryOtherArchitectureIsExcluded() {
    Architecture parent = TRANSNAS.parse("64-41414-3_33_333");
    SplittableRandom rng = new SplittableRandom(8);
    assertThat(MUTATOR.mutate(parent, rng, a -> !a.equals(parent))).isEmpty();
    assertThat(MUTATOR.mutate(parent, rng, a -> true)).isEmpty();
    Architecture lastOne = TRANSNAS.parse("64-41414-0_00_000");
    assertThat(MUTATOR.mutate(parent, rng, a -> !a.equals(lastOne))).contains(lastOne);
  }

  @Test
  void sameSeedSameChildren() {
    Architecture parent = NB201.parse("421211");
    SplittableRandom first = new SplittableRandom(9);
    SplittableRandom second = new SplittableRandom(9);
    for (int i = 0; i < 100; i++) {
      assertThat(MUTATOR.mutate(parent, first)).isEqualTo(MUTATOR.mutate(parent, second));
    }
  }

  /** How often each of {@code expected} is the child, failing on any other child. */
  private static long[] countChildren(Architecture parent, List<Architecture> expected,
      Predicate<Architecture> excluded, int draws, long seed) {
    Map<Architecture, Integer> slot = expected.stream()
        .collect(Collectors.toMap(Function.identity(), expected::indexOf));
    long[] counts = new long[expected.size()];
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = 0; i < draws; i++) {
      Optional<Architecture> child = MUTATOR.mutate(parent, rng, excluded);
      assertThat(child).isPresent();
      assertThat(slot).containsKey(child.get());
      counts[slot.get(child.get())]++;
    }
    return counts;
  }

  private static List<Architecture> everyArchitecture(SearchSpace space) {
    List<Architecture> all = new ArrayList<>();
    for (long i = 0; i < space.size(); i++) {
      all.add(space.fromIndex(i));
    }
    return all;
  }
}
