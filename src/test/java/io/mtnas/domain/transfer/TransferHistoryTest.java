package io.mtnas.domain.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.space.SearchSpace;
import io.mtnas.domain.space.SearchSpaces;
import org.junit.jupiter.api.Test;

class TransferHistoryTest {
  private static final SearchSpace NB201 = SearchSpaces.nb201();

  private static Label label(long index, boolean positive, int round) {
    return new Label(NB201.fromIndex(index), "src", "t", positive, round);
  }

  @Test
  void positivesVoteForEverAndNegativesForWindowRounds() {
    Label positive = label(1, true, 0);
    Label negative = label(2, false, 3);
    TransferHistory h = TransferHistory.empty().with(positive).with(negative);
    for (int round = 3; round <= 7; round++) {
      assertThat(h.active(round, 5)).as("round %d", round).containsExactly(positive, negative);
    }
    for (int round = 8; round <= 1_000; round++) {
      assertThat(h.active(round, 5)).as("round %d", round).containsExactly(positive);
    }
    assertThat(h.active(10_000, 1)).containsExactly(positive);
    // a window of one: a negative votes only in the round that decided it
    assertThat(h.active(3, 1)).containsExactly(positive, negative);
    assertThat(h.active(4, 1)).containsExactly(positive);
  }

  @Test
  void activeKeepsTheOrderOfArrival() {
    TransferHistory h = TransferHistory.empty()
        .with(label(1, false, 5)).with(label(2, true, 1)).with(label(3, false, 6)).with(label(4, false, 1));
    assertThat(h.active(6, 3)).extracting(l -> l.architecture().index()).containsExactly(1L, 2L, 3L);
    assertThat(h.all()).hasSize(4);
  }

  @Test
  void withLeavesTheOriginalUnchanged() {
    TransferHistory empty = TransferHistory.empty();
    TransferHistory one = empty.with(label(1, true, 0));
    assertThat(empty.all()).isEmpty();
    assertThat(one.all()).containsExactly(label(1, true, 0));
    assertThatThrownBy(() -> one.all().add(label(2, true, 0))).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void labelsValueIsPlusOrMinusOne() {
    assertThat(label(1, true, 0).value()).isEqualTo(1);
    assertThat(label(1, false, 0).value()).isEqualTo(-1);
    Architecture a = NB201.fromIndex(0);
    assertThatThrownBy(() -> new Label(a, null, "t", true, 0)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Offer(null, "s", 0)).isInstanceOf(NullPointerException.class);
  }
}
