package io.mtnas.domain.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class SeenSetTest {

  @Test
  void addsWithoutChangingTheOriginal() {
    SeenSet empty = SeenSet.empty(100);
    SeenSet one = empty.with(63).with(64);

    assertThat(empty.count()).isZero();
    assertThat(empty.contains(63)).isFalse();
    assertThat(one.count()).isEqualTo(2);
    assertThat(one.contains(63)).isTrue();
    assertThat(one.contains(64)).isTrue();
    assertThat(one.contains(62)).isFalse();
    assertThat(one.with(63)).isSameAs(one);
  }

  @Test
  void isFullOnlyWhenEveryIndexIsIn() {
    SeenSet set = SeenSet.empty(70);
    for (int i = 0; i < 69; i++) {
      set = set.with(i);
    }
    assertThat(set.full()).isFalse();
    assertThat(set.sampleUnseen(new SplittableRandom(1))).isEqualTo(69);
    set = set.with(69);
    assertThat(set.full()).isTrue();
    assertThat(set.sampleUnseen(new SplittableRandom(1))).isEqualTo(-1);
  }

  @Test
  void rejectsIndicesOutsideTheSpace() {
    assertThatThrownBy(() -> SeenSet.empty(10).with(10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SeenSet.empty(10).contains(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void samplesTheUnseenUniformlyWhenAlmostFull() {
    // 5 unseen out of 1000: rejection sampling gives up, so this exercises the counting path.
    SeenSet set = SeenSet.empty(1000);
    long[] unseen = {3, 64, 500, 998, 999};
    for (int i = 0; i < 1000; i++) {
      final long index = i;
      if (Arrays.stream(unseen).noneMatch(u -> u == index)) {
        set = set.with(i);
      }
    }
    SplittableRandom rng = new SplittableRandom(42);
    int draws = 50_000;
    int[] counts = new int[unseen.length];
    for (int d = 0; d < draws; d++) {
      long sample = set.sampleUnseen(rng);
      int slot = Arrays.binarySearch(unseen, sample);
      assertThat(slot).as("sample %d must be unseen", sample).isNotNegative();
      counts[slot]++;
    }
    double expected = draws / 5.0;
    double sd = Math.sqrt(draws * 0.2 * 0.8);
    for (int c : counts) {
      assertThat((double) c).isCloseTo(expected, Offset.offset(4 * sd));
    }
  }
}
