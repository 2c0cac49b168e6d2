package io.mtnas.domain.space;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** NAS-Bench-201's to_unique_str(consider_zero=True) rule on hand-worked cells. */
class IsomorphismTest {
  private static final SearchSpace NB201 = SearchSpaces.nb201();
  private static final SearchSpace TRANSNAS = SearchSpaces.transNasMicro();

  // op indices: 0 none, 1 skip_connect, 2 nor_conv_1x1, 3 nor_conv_3x3, 4 avg_pool_3x3
  // edges:      1<-0, 2<-0, 2<-1, 3<-0, 3<-1, 3<-2

  @Test
  void convThenSkipEqualsSkipThenConvOnAChain() {
    // node2 = zero + conv3(x), reached as skip(x) then conv3, as conv3(x) then skip, or straight
    // from the input on 2<-0 while 2<-1 is zero; node3 = conv1(node2) plus two zeros.
    Architecture skipThenConv = NB201.of(1, 0, 3, 0, 0, 2);
    Architecture convThenSkip = NB201.of(3, 0, 1, 0, 0, 2);
    Architecture convFromInput = NB201.of(0, 3, 0, 0, 0, 2);
    String key = "#+#+(#+(0)@nor_conv_3x3)@nor_conv_1x1";
    assertThat(NB201.isomorphismKey(skipThenConv)).isEqualTo(key);
    assertThat(NB201.isomorphismKey(convThenSkip)).isEqualTo(key);
    assertThat(NB201.isomorphismKey(convFromInput)).isEqualTo(key);
    // 2 chains, plus conv on 2<-0 with: node1 zero (2<-1 and 3<-1 free: 25) or node1 non-zero
    // (4 ops) and 2<-1, 3<-1 none (4)
    assertThat(classSize(NB201, key)).isEqualTo(2 + 25 + 4);
    assertThat(convFromInput.index()).isEqualTo(3 * 625 + 2);
    assertThat(NB201.canonical(convThenSkip)).isEqualTo(convFromInput);
    assertThat(NB201.canonical(skipThenConv)).isEqualTo(convFromInput);
    assertThat(NB201.canonical(convFromInput)).isSameAs(convFromInput);
  }

  @Test
  void inputsOfANodeCommuteAndDeadEdgesDoNotMatter() {
    // node1 = x; node3 = conv3(x) + x, whichever of 3<-0 and 3<-1 carries the conv, or
    // node1 = conv3(x) with both into node 3 skips; 3<-2 is none so node 2's two edges are dead.
    Architecture convFromInput = NB201.of(1, 4, 4, 3, 1, 0);
    Architecture convFromNode1 = NB201.of(1, 2, 0, 1, 3, 0);
    Architecture convInsideNode1 = NB201.of(3, 0, 0, 1, 1, 0);
    String key = "#+(0)@nor_conv_3x3+0";
    assertThat(NB201.isomorphismKey(convFromInput)).isEqualTo(key);
    assertThat(NB201.isomorphismKey(convFromNode1)).isEqualTo(key);
    assertThat(NB201.isomorphismKey(convInsideNode1)).isEqualTo(key);
    // 3 ways to place the conv times 25 dead node-2 cells
    assertThat(classSize(NB201, key)).isEqualTo(75);
    assertThat(NB201.canonical(convInsideNode1)).isEqualTo(NB201.of(1, 0, 0, 1, 3, 0));
  }

  @Test
  void aCellWithoutAPathToTheOutputIsNotTheSameAsOneFedByAnAllZeroNode() {
    Architecture allNone = NB201.of(0, 0, 0, 0, 0, 0);
    assertThat(NB201.isomorphismKey(allNone)).isEqualTo("#+#+#");
    // Node 2 gets only zeros but is "#+#", not "#", so the rule (as published) does not treat it
    // as zero: conv1(node2) is a class of its own. Reproducing this gives the official counts.
    Architecture convOfZeroNode = NB201.of(0, 0, 0, 0, 0, 2);
    assertThat(NB201.isomorphismKey(convOfZeroNode)).isEqualTo("#+#+(#+#)@nor_conv_1x1");
    assertThat(NB201.isomorphic(allNone, convOfZeroNode)).isFalse();
    // A single-input node that is zero does propagate zero: node1 = none, 3<-1 = conv.
    assertThat(NB201.isomorphic(allNone, NB201.of(0, 0, 0, 0, 3, 0))).isTrue();
  }

  @Test
  void sameRuleAppliesToTransNasMicro() {
    Architecture convThenSkip = TRANSNAS.of(3, 0, 1, 0, 0, 2);
    assertThat(TRANSNAS.isomorphismKey(convThenSkip))
        .isEqualTo(NB201.isomorphismKey(NB201.of(3, 0, 1, 0, 0, 2)));
    assertThat(TRANSNAS.canonical(convThenSkip)).isEqualTo(TRANSNAS.parse("64-41414-0_30_002"));
  }

  @Test
  void classCountsAreThePublishedOnes() {
    // NB201 paper: 6,466 unique topologies; TransNAS micro: 1,236 by the same rule.
    assertThat(classCount(NB201)).isEqualTo(6_466);
    assertThat(classCount(TRANSNAS)).isEqualTo(1_236);
  }

  private static long classSize(SearchSpace space, String key) {
    return LongStream.range(0, space.size())
        .filter(i -> space.isomorphismKey(space.fromIndex(i)).equals(key))
        .count();
  }

  private static int classCount(SearchSpace space) {
    Set<Architecture> representatives = new HashSet<>();
    for (long i = 0; i < space.size(); i++) {
      representatives.add(space.canonical(space.fromIndex(i)));
    }
    return representatives.size();
  }
}
