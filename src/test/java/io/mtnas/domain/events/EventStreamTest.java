package io.mtnas.domain.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Numbering, per-subscriber buffers, the overflow rule and closing, without actors. */
class EventStreamTest {
  private final ExecutorService pool = Executors.newCachedThreadPool();

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  /** Everything a subscriber was handed, in order: events, gaps and the end. */
  static class Recorder implements EventSubscriber {
    final List<Object> received = Collections.synchronizedList(new ArrayList<>());
    final List<String> threads = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void onEvent(ProgressEvent event) {
      threads.add(Thread.currentThread().getName());
      received.add(event);
    }

    @Override
    public void onGap(Gap gap) {
      received.add(gap);
    }

    @Override
    public void onClose() {
      received.add("closed");
    }

    List<ProgressEvent> events() {
      synchronized (received) {
        return received.stream().filter(ProgressEvent.class::isInstance).map(ProgressEvent.class::cast).toList();
      }
    }

    List<Long> seqs() {
      return events().stream().map(ProgressEvent::seq).toList();
    }
  }

  /** Blocks in its first event until released. */
  static final class Blocked extends Recorder {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public void onEvent(ProgressEvent event) {
      entered.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      super.onEvent(event);
    }
  }

  private static List<Long> range(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().toList();
  }

  private static void awaitSize(Recorder r, int size) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (r.events().size() < size && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
  }

  @Test
  void eventsAreNumberedFromOneWithoutGapsAndDeliveredInOrderOffThePublishersThread() throws Exception {
    EventStream stream = new EventStream("s1");
    Recorder r = new Recorder();
    stream.subscribe("recorder", 10_000, pool, r);
    List<Long> returned = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      returned.add(stream.publish("evaluation", Map.of("evaluation", i + 1)));
    }
    stream.close().get(10, TimeUnit.SECONDS);

    assertThat(returned).isEqualTo(range(1, 5_000));
    assertThat(r.seqs()).isEqualTo(range(1, 5_000));
    assertThat(r.events()).allSatisfy(e -> assertThat(e.search()).isEqualTo("s1"));
    assertThat(r.events().get(41).fields()).containsEntry("evaluation", 42);
    assertThat(r.received.get(r.received.size() - 1)).isEqualTo("closed");
    assertThat(r.threads).doesNotContain(Thread.currentThread().getName());
    assertThat(stream.lastSeq()).isEqualTo(5_000);
  }

  @Test
  void fieldsKeepTheirOrder() throws Exception {
    EventStream stream = new EventStream("s");
    Recorder r = new Recorder();
    stream.subscribe("recorder", 10, pool, r);
    Map<String, Object> fields = new java.util.LinkedHashMap<>();
    for (String k : List.of("task", "arch", "work", "evaluation", "fitness", "best")) {
      fields.put(k, k.length());
    }
    stream.publish("evaluation", fields);
    stream.close().get(10, TimeUnit.SECONDS);
    assertThat(r.events().get(0).fields().keySet()).containsExactly("task", "arch", "work", "evaluation", "fitness", "best");
  }

  @Test
  void twoSearchesHaveIndependentStreams() throws Exception {
    EventStream a = new EventStream("a");
    EventStream b = new EventStream("b");
    Recorder ra = new Recorder();
    Recorder rb = new Recorder();
    a.subscribe("ra", 1_000, pool, ra);
    b.subscribe("rb", 1_000, pool, rb);
    for (int i = 0; i < 300; i++) {
      a.publish("evaluation", Map.of());
      if (i % 3 == 0) {
        b.publish("evaluation", Map.of());
      }
    }
    a.close().get(10, TimeUnit.SECONDS);
    b.publish("search_finished", Map.of());
    b.close().get(10, TimeUnit.SECONDS);

    assertThat(ra.seqs()).isEqualTo(range(1, 300));
    assertThat(rb.seqs()).isEqualTo(range(1, 101));
    assertThat(ra.events()).allSatisfy(e -> assertThat(e.search()).isEqualTo("a"));
    assertThat(rb.events()).allSatisfy(e -> assertThat(e.search()).isEqualTo("b"));
    assertThat(rb.events().get(100).name()).isEqualTo("search_finished");
  }

  @Test
  void aBlockedSubscriberHoldsUpNeitherThePublisherNorOthersAndThenGetsOneGapWithTheExactCount() throws Exception {
    EventStream stream = new EventStream("s");
    Blocked slow = new Blocked();
    Recorder fast = new Recorder();
    Subscription slowSub = stream.subscribe("slow", 100, pool, slow);
    stream.subscribe("fast", 100_000, pool, fast);

    stream.publish("evaluation", Map.of()); // 1: the slow subscriber blocks in it
    assertThat(slow.entered.await(10, TimeUnit.SECONDS)).isTrue();
    for (int i = 0; i < 50_000; i++) {
      stream.publish("evaluation", Map.of()); // 2..50,001
    }
    // the publisher got here with the slow subscriber still blocked, and the fast one gets everything
    assertThat(slow.release.getCount()).isEqualTo(1);
    awaitSize(fast, 50_001);
    assertThat(fast.seqs()).isEqualTo(range(1, 50_001));
    // event 1 is being delivered, 2..101 wait in the full buffer, 102..50,001 were dropped
    assertThat(slowSub.buffered()).isEqualTo(100);
    assertThat(slowSub.dropped()).isEqualTo(49_900);

    slow.release.countDown();
    awaitSize(slow, 2); // it has taken event 2 out of its buffer
    stream.publish("search_finished", Map.of()); // 50,002: fits, after the gap
    awaitSize(slow, 102);
    stream.close().get(10, TimeUnit.SECONDS);

    List<Object> got = slow.received;
    assertThat(got).hasSize(1 + 100 + 1 + 1 + 1);
    assertThat(slow.seqs().subList(0, 101)).isEqualTo(range(1, 101));
    assertThat(got.get(101)).isEqualTo(new Gap("s", 102, 49_900));
    assertThat(((Gap) got.get(101)).lastMissedSeq()).isEqualTo(50_001);
    assertThat(((ProgressEvent) got.get(102)).seq()).isEqualTo(50_002);
    assertThat(got.get(103)).isEqualTo("closed");
    assertThat(slowSub.gaps()).isEqualTo(1);
    assertThat(fast.received).doesNotHaveAnyElementsOfTypes(Gap.class);
  }

  @Test
  void closingWhileASubscriberIsBehindDeliversWhatIsBufferedAndEndsWithTheGap() throws Exception {
    EventStream stream = new EventStream("s");
    Blocked slow = new Blocked();
    stream.subscribe("slow", 10, pool, slow);
    stream.publish("evaluation", Map.of());
    assertThat(slow.entered.await(10, TimeUnit.SECONDS)).isTrue();
    for (int i = 0; i < 25; i++) {
      stream.publish("evaluation", Map.of()); // 2..11 buffered, 12..26 dropped
    }
    var closed = stream.close();
    assertThat(closed).isNotDone();
    slow.release.countDown();
    closed.get(10, TimeUnit.SECONDS);

    assertThat(slow.seqs()).isEqualTo(range(1, 11));
    assertThat(slow.received.subList(11, 13)).containsExactly(new Gap("s", 12, 15), "closed");
  }

  @Test
  void closeCompletesOnlyOnceASlowSubscriberHasEverything() throws Exception {
    EventStream stream = new EventStream("s");
    Recorder slow = new Recorder() {
      @Override
      public void onEvent(ProgressEvent event) {
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        super.onEvent(event);
      }
    };
    stream.subscribe("slow", 1_000, pool, slow);
    for (int i = 0; i < 200; i++) {
      stream.publish("evaluation", Map.of());
    }
    var closed = stream.close();
    assertThat(slow.events().size()).isLessThan(200);
    closed.get(10, TimeUnit.SECONDS);
    assertThat(slow.seqs()).isEqualTo(range(1, 200));
    assertThat(slow.received.get(200)).isEqualTo("closed");

    assertThat(stream.publish("late", Map.of())).isZero();
    assertThat(stream.droppedAfterClose()).isEqualTo(1);
    assertThat(stream.close()).isSameAs(closed);
    assertThatThrownBy(() -> stream.subscribe("late", 10, pool, new Recorder()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void flushCompletesOnceEverythingPublishedBeforeIsDelivered() throws Exception {
    EventStream stream = new EventStream("s");
    Recorder r = new Recorder();
    stream.subscribe("r", 1_000, pool, r);
    for (int i = 0; i < 500; i++) {
      stream.publish("evaluation", Map.of());
    }
    stream.flush().get(10, TimeUnit.SECONDS);
    assertThat(r.seqs()).isEqualTo(range(1, 500));
    assertThat(r.received).doesNotContain("closed");
    stream.publish("evaluation", Map.of());
    stream.close().get(10, TimeUnit.SECONDS);
    assertThat(r.seqs()).isEqualTo(range(1, 501));
  }

  @Test
  void concurrentPublishersGetOneGaplessSequenceThatKeepsEachThreadsOrder() throws Exception {
    EventStream stream = new EventStream("s");
    Recorder first = new Recorder();
    Recorder second = new Recorder();
    stream.subscribe("first", 1_000_000, pool, first);
    stream.subscribe("second", 1_000_000, pool, second);
    int threads = 6;
    int each = 5_000;
    CyclicBarrier start = new CyclicBarrier(threads);
    List<Thread> publishers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread p = new Thread(() -> {
        try {
          start.await();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        for (int i = 0; i < each; i++) {
          stream.publish("evaluation", Map.of("thread", thread, "i", i));
        }
      });
      publishers.add(p);
      p.start();
    }
    for (Thread p : publishers) {
      p.join(30_000);
    }
    stream.close().get(30, TimeUnit.SECONDS);

    assertThat(first.seqs()).isEqualTo(range(1, (long) threads * each));
    // both subscribers saw the same events in the same order
    assertThat(second.events()).isEqualTo(first.events());
    Map<Object, Integer> next = new HashMap<>();
    for (ProgressEvent e : first.events()) {
      Object thread = e.fields().get("thread");
      int expected = next.getOrDefault(thread, 0);
      assertThat(e.fields().get("i")).as("thread %s", thread).isEqualTo(expected);
      next.put(thread, expected + 1);
    }
    assertThat(next.values()).allSatisfy(n -> assertThat(n).isEqualTo(each));
  }

  @Test
  void aSubscriberThatThrowsIsCountedAndStillGetsTheRest() throws Exception {
    EventStream stream = new EventStream("s");
    Recorder r = new Recorder() {
      @Override
      public void onEvent(ProgressEvent event) {
        if (event.seq() == 3) {
          throw new IllegalStateException("boom");
        }
        super.onEvent(event);
      }
    };
    Subscription s = stream.subscribe("r", 100, pool, r);
    for (int i = 0; i < 5; i++) {
      stream.publish("evaluation", Map.of());
    }
    stream.close().get(10, TimeUnit.SECONDS);
    assertThat(r.seqs()).containsExactly(1L, 2L, 4L, 5L);
    assertThat(s.failures()).isEqualTo(1);
    assertThat(s.firstFailure()).get().extracting(Throwable::getMessage).isEqualTo("boom");
    assertThat(s.delivered()).isEqualTo(5);
  }

  @Test
  void anUnsubscribedSubscriberGetsNothingMoreAndOthersGoOn() throws Exception {
    EventStream stream = new EventStream("s");
    Recorder gone = new Recorder();
    Recorder stays = new Recorder();
    Subscription s = stream.subscribe("gone", 100, pool, gone);
    stream.subscribe("stays", 100, pool, stays);
    stream.publish("evaluation", Map.of());
    stream.flush().get(10, TimeUnit.SECONDS);
    stream.unsubscribe(s);
    stream.publish("evaluation", Map.of());
    stream.close().get(10, TimeUnit.SECONDS);
    assertThat(gone.seqs()).containsExactly(1L);
    assertThat(stays.seqs()).containsExactly(1L, 2L);
    assertThat(s.closed()).isDone();
  }

  @Test
  void aBufferHoldsAtLeastOneEvent() {
    assertThatThrownBy(() -> new EventStream("s").subscribe("r", 0, pool, new Recorder()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
