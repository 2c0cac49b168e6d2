package io.mtnas.actor;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.mtnas.domain.events.EventSubscriber;
import io.mtnas.domain.events.Gap;
import io.mtnas.domain.events.ProgressEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The facade: same event names and fields as before, plus {@code seq}, to every subscriber. */
class ProgressEventsTest {

  @Test
  void theJsonLinesCarryTheEventsFieldsAndTheirNumber() throws Exception {
    try (ProgressCapture capture = new ProgressCapture()) {
      ProgressEvents events = new ProgressEvents("facade-1");
      events.workerJoined("worker-1");
      events.transferSkipped("alpha", "vote", 3);
      events.workerLeft("worker-1", 2);
      events.close().get(10, TimeUnit.SECONDS);

      List<ProgressCapture.Line> lines = capture.all("facade-1");
      assertThat(lines).extracting(l -> l.field("event"))
          .containsExactly("worker_joined", "transfer_skipped", "worker_left");
      assertThat(lines).extracting(l -> l.field("seq")).containsExactly("1", "2", "3");
      assertThat(lines.get(1).fields()).containsEntry("task", "alpha").containsEntry("rule", "vote")
          .containsEntry("round", 3).containsEntry("search", "facade-1");
      assertThat(lines.get(2).fields()).containsEntry("worker", "worker-1").containsEntry("requeued", 2);
      assertThat(lines.get(0).message()).isEqualTo("worker_joined");
    }
  }

  @Test
  void aGapIsAWarnLineWithWhatWasMissed() {
    try (ProgressCapture capture = new ProgressCapture()) {
      new ProgressLog().onGap(new Gap("facade-2", 7, 5));
      ProgressCapture.Line gap = capture.all("facade-2").get(0);
      assertThat(gap.level()).isEqualTo(Level.WARN);
      assertThat(gap.fields()).containsEntry("event", "gap").containsEntry("first_missed_seq", 7L)
          .containsEntry("last_missed_seq", 11L).containsEntry("missed", 5L);
    }
  }

  @Test
  void aStuckSubscriberLosesEventsButTheLoggerAndThePublisherDoNot() throws Exception {
    try (ProgressCapture capture = new ProgressCapture()) {
      ProgressEvents events = ProgressEvents.logging("facade-3", 10_000);
      CountDownLatch entered = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      List<Object> stuck = new CopyOnWriteArrayList<>();
      var subscription = events.subscribe("stuck", 4, new EventSubscriber() {
        @Override
        public void onEvent(ProgressEvent event) {
          entered.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          stuck.add(event.seq());
        }

        @Override
        public void onGap(Gap gap) {
          stuck.add(gap);
        }
      });
      events.workerJoined("w0");
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
      for (int i = 1; i < 1_000; i++) {
        events.workerJoined("w" + i);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (capture.all("facade-3").size() < 1_000 && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      assertThat(capture.all("facade-3")).hasSize(1_000);
      assertThat(stuck).isEmpty();
      release.countDown();
      events.close().get(10, TimeUnit.SECONDS);
      // event 1 in its hands, 2..5 in its buffer, 6..1,000 dropped: told at the end
      assertThat(stuck).containsExactly(1L, 2L, 3L, 4L, 5L, new Gap("facade-3", 6, 995));
      assertThat(subscription.dropped()).isEqualTo(995);
    }
  }
}
