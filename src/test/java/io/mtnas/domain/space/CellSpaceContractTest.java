package io.mtnas.domain.space;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every search space promises, checked exhaustively on the (small) cell spaces. */
class CellSpaceContractTest {

  static Stream<SearchSpace> spaces() {
    return SearchSpaces.all().stream();
  }

  @ParameterizedTest
  @MethodSource("spaces")
  void sizeIsOperationsToTheEdges(SearchSpace space) {
    assertThat(space.edgeCount()).isEqualTo(6);
    assertThat(space.size()).isEqualTo((long) Math.pow(space.operations().size(), 6));
  }

  @ParameterizedTest
  @MethodSource("spaces")
  void everyArchitectureSurvivesIndexOperationsAndStringRoundTrips(SearchSpace space) {
    Set<String> formats = new HashSet<>();
    for (long i = 0; i < space.size(); i++) {
      Architecture a = space.fromIndex(i);
      assertThat(a.index()).isEqualTo(i);
      assertThat(space.index(a)).isEqualTo(i);
      assertThat(space.of(a.operations())).isEqualTo(a);
      String text = space.format(a);
      assertThat(space.parse(text)).as(text).isEqualTo(a);
      formats.add(text);
    }
    assertThat(formats).hasSize((int) space.size());
  }

  @ParameterizedTest
  @MethodSource("spaces")
  void codeIndexReadsTheOperationsAsABaseOpsNumberEdgeZeroFirst(SearchSpace space) {
    int ops = space.operations().size();
    assertThat(space.of(0, 0, 0, 0, 0, 1).index()).isEqualTo(1);
    assertThat(space.of(1, 0, 0, 0, 0, 0).index()).isEqualTo((long) Math.pow(ops, 5));
    assertThat(space.of(ops - 1, ops - 1, ops - 1, ops - 1, ops - 1, ops - 1).index())
        .isEqualTo(space.size() - 1);
  }

  @ParameterizedTest
  @MethodSource("spaces")
  void rejectsOutOfRangeIndicesAndOperations(SearchSpace space) {
    assertThatThrownBy(() -> space.fromIndex(space.size()))
        .hasMessage(space.id() + " index must be in 0.." + (space.size() - 1) + ", got " + space.size());
    assertThatThrownBy(() -> space.fromIndex(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> space.of(0, 0, 0))
        .hasMessage(space.id() + " architecture needs 6 operations, got 3");
    int tooBig = space.operations().size();
    assertThatThrownBy(() -> space.of(0, 0, tooBig, 0, 0, 0))
        .hasMessage(space.id() + " operation index on edge 2 must be in 0.." + (tooBig - 1) + ", got " + tooBig);
  }

  @ParameterizedTest
  @MethodSource("spaces")
  void neighboursAreAllDistinctArchitecturesOneEdgeAway(SearchSpace space) {
    SplittableRandom rng = new SplittableRandom(7);
    for (int trial = 0; trial < 200; trial++) {
      Architecture a = space.random(rng);
      List<Architecture> neighbours = space.neighbours(a);
      assertThat(neighbours).hasSize(6 * (space.operations().size() - 1)).doesNotHaveDuplicates();
      assertThat(neighbours).allSatisfy(n -> assertThat(n.distance(a)).isEqualTo(1));
    }
  }

  @ParameterizedTest
  @MethodSource("spaces")
  void randomIsUniformOverTheSpace(SearchSpace space) {
    SplittableRandom rng = new SplittableRandom(11);
    long[] counts = new long[(int) space.size()];
    for (int i = 0; i < 30 * space.size(); i++) {
      counts[(int) space.random(rng).index()]++;
    }
    assertThat(ChiSquare.uniformStatistic(counts)).isLessThan(ChiSquare.criticalValue999(counts.length - 1));
  }

  @ParameterizedTest
  @MethodSource("spaces")
  void canonicalIsTheSmallestMemberOfTheKeyClass(SearchSpace space) {
    Set<String> keys = new HashSet<>();
    Set<Architecture> representatives = new HashSet<>();
    for (long i = 0; i < space.size(); i++) {
      Architecture a = space.fromIndex(i);
      Architecture c = space.canonical(a);
      assertThat(c.index()).isLessThanOrEqualTo(i);
      assertThat(space.canonical(c)).isEqualTo(c);
      assertThat(space.isomorphismKey(c)).isEqualTo(space.isomorphismKey(a));
      assertThat(space.isomorphic(a, c)).isTrue();
      keys.add(space.isomorphismKey(a));
      representatives.add(c);
    }
    assertThat(representatives).hasSameSizeAs(keys);
  }

  @ParameterizedTest
  @MethodSource("spaces")
  void rejectsArchitecturesOfAnotherSpace(SearchSpace space) {
    SearchSpace other = SearchSpaces.all().stream().filter(s -> s != space).findFirst().orElseThrow();
    Architecture foreign = other.fromIndex(1);
    String expected = "architecture of space " + other.id() + " given to space " + space.id();
    assertThatThrownBy(() -> space.format(foreign)).hasMessage(expected);
    assertThatThrownBy(() -> space.canonical(foreign)).hasMessage(expected);
    assertThatThrownBy(() -> space.graph(foreign)).hasMessage(expected);
    assertThatThrownBy(() -> space.neighbours(foreign)).hasMessage(expected);
  }
}
