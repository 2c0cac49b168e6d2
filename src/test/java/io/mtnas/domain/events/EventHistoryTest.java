package io.mtnas.domain.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EventHistoryTest {
  private static ProgressEvent event(long seq) {
    return new ProgressEvent("s", seq, "evaluation", Map.of("n", seq));
  }

  @Test
  void aFollowerGetsWhatComesAfterItsLastNumberInPagesAndTheEndOnceClosed() {
    EventHistory h = new EventHistory(100);
    for (long i = 1; i <= 10; i++) {
      h.onEvent(event(i));
    }
    EventHistory.Page page = h.after(3, 4);
    assertThat(page.events()).extracting(ProgressEvent::seq).containsExactly(4L, 5L, 6L, 7L);
    assertThat(page.missed()).isZero();
    assertThat(page.closed()).isFalse();
    assertThat(h.after(10, 4).events()).isEmpty();
    h.onClose();
    assertThat(h.after(5, 3).closed()).as("more than a page left").isFalse();
    assertThat(h.after(7, 3).closed()).isTrue();
    assertThat(h.after(10, 3).closed()).isTrue();
    assertThat(h.lastSeq()).isEqualTo(10);
  }

  @Test
  void eventsThatFellOutOfTheHistoryOrWereDroppedCountAsMissed() {
    EventHistory h = new EventHistory(5);
    for (long i = 1; i <= 23; i++) {
      if (i != 21) { // the stream dropped 21 for this history
        h.onEvent(event(i));
      }
    }
    EventHistory.Page page = h.after(0, 100);
    assertThat(page.events()).extracting(ProgressEvent::seq).containsExactly(18L, 19L, 20L, 22L, 23L);
    assertThat(page.missed()).isEqualTo(17 + 1);
    assertThat(h.after(19, 100).events()).extracting(ProgressEvent::seq).containsExactly(20L, 22L, 23L);
    assertThat(h.after(19, 100).missed()).isEqualTo(1);
  }
}
