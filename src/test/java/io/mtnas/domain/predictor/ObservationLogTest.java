package io.mtnas.domain.predictor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtnas.domain.space.SearchSpace;
import io.mtnas.domain.space.SearchSpaces;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ObservationLogTest {
  private static final SearchSpace NB201 = SearchSpaces.nb201();

  private static Observation obs(long sequence) {
    return new Observation(sequence, "t" + (sequence % 3), NB201.fromIndex(sequence), sequence / 10.0);
  }

  @Test
  void anEmptyLogIsCompleteUpToZero() {
    ObservationLog log = new ObservationLog();
    assertThat(log.complete()).isZero();
    assertThat(log.upTo(0)).isEmpty();
  }

  @Test
  void outOfOrderArrivalsWaitForTheirPrefix() {
    ObservationLog log = new ObservationLog();
    log.add(obs(3));
    assertThat(log.complete()).isZero();
    log.add(obs(1));
    assertThat(log.complete()).isEqualTo(1);
    assertThat(log.upTo(1)).containsExactly(obs(1));
    log.add(obs(2));
    assertThat(log.complete()).isEqualTo(3);
    assertThat(log.upTo(3)).containsExactly(obs(1), obs(2), obs(3));
  }

  @Test
  void gapsMoveThePrefixWithoutAnObservation() {
    ObservationLog log = new ObservationLog();
    log.add(obs(1));
    log.add(obs(4));
    log.addGap(3);
    assertThat(log.complete()).isEqualTo(1);
    log.addGap(2);
    assertThat(log.complete()).isEqualTo(4);
    assertThat(log.upTo(2)).containsExactly(obs(1));
    assertThat(log.upTo(3)).containsExactly(obs(1));
    assertThat(log.upTo(4)).containsExactly(obs(1), obs(4));
    log.addGap(5);
    assertThat(log.complete()).isEqualTo(5);
    assertThat(log.upTo(5)).containsExactly(obs(1), obs(4));
  }

  @Test
  void upToIsExactlyTheObservationsNumberedUpToItInOrderForARandomArrivalOrder() {
    SplittableRandom rng = new SplittableRandom(1);
    int n = 300;
    List<Long> order = new ArrayList<>();
    for (long s = 1; s <= n; s++) {
      order.add(s);
    }
    Collections.shuffle(order, new java.util.Random(2));
    boolean[] gap = new boolean[n + 1];
    for (int s = 1; s <= n; s++) {
      gap[s] = rng.nextInt(5) == 0;
    }
    ObservationLog log = new ObservationLog();
    boolean[] arrived = new boolean[n + 1];
    for (long s : order) {
      if (gap[(int) s]) {
        log.addGap(s);
      } else {
        log.add(obs(s));
      }
      arrived[(int) s] = true;
      long prefix = 0;
      while (prefix < n && arrived[(int) prefix + 1]) {
        prefix++;
      }
      assertThat(log.complete()).isEqualTo(prefix);
      long probe = prefix == 0 ? 0 : 1 + rng.nextLong(prefix);
      List<Observation> expected = new ArrayList<>();
      for (long t = 1; t <= probe; t++) {
        if (!gap[(int) t]) {
          expected.add(obs(t));
        }
      }
      assertThat(log.upTo(probe)).containsExactlyElementsOf(expected);
    }
    assertThat(log.complete()).isEqualTo(n);
    for (long s = 0; s <= n; s++) {
      long limit = s;
      List<Observation> up = log.upTo(limit);
      assertThat(up).extracting(Observation::sequence).isSorted().allMatch(q -> q <= limit);
      long expectedCount = 0;
      for (int t = 1; t <= s; t++) {
        expectedCount += gap[t] ? 0 : 1;
      }
      assertThat(up).hasSize((int) expectedCount);
    }
  }

  @Test
  void aSequenceRecordedTwiceIsRejected() {
    ObservationLog log = new ObservationLog();
    log.add(obs(1));
    log.add(obs(3));
    log.addGap(5);
    // already in the complete prefix
    assertThatThrownBy(() -> log.add(obs(1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1");
    assertThatThrownBy(() -> log.addGap(1)).isInstanceOf(IllegalArgumentException.class);
    // waiting beyond the prefix, as an observation or as a gap
    assertThatThrownBy(() -> log.add(obs(3))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3");
    assertThatThrownBy(() -> log.addGap(3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> log.add(obs(5))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5");
    assertThatThrownBy(() -> log.addGap(5)).isInstanceOf(IllegalArgumentException.class);
    // the rejections changed nothing
    log.add(obs(2));
    log.addGap(4);
    assertThat(log.complete()).isEqualTo(5);
    assertThat(log.upTo(5)).containsExactly(obs(1), obs(2), obs(3));
  }

  @Test
  void upToBeyondTheCompletePrefixIsRejected() {
    ObservationLog log = new ObservationLog();
    log.add(obs(1));
    log.add(obs(3));
    assertThatThrownBy(() -> log.upTo(2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2")
        .hasMessageContaining("1 complete");
    assertThatThrownBy(() -> log.upTo(3)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anAnswerIsNotChangedByLaterArrivals() {
    ObservationLog log = new ObservationLog();
    log.add(obs(1));
    log.add(obs(2));
    List<Observation> asOfTwo = log.upTo(2);
    log.add(obs(3));
    log.addGap(4);
    assertThat(asOfTwo).containsExactly(obs(1), obs(2));
    assertThatThrownBy(() -> asOfTwo.add(obs(9))).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void observationsValidateTheirFields() {
    assertThatThrownBy(() -> new Observation(0, "t", NB201.fromIndex(0), 1.0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Observation(1, null, NB201.fromIndex(0), 1.0))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Observation(1, "t", null, 1.0)).isInstanceOf(NullPointerException.class);
  }
}
