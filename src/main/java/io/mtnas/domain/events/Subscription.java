package io.mtnas.domain.events;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One subscriber's view of a search's stream: a buffer of at most {@code capacity} events waiting
 * for it, drained on its executor one event at a time (like an actor's mailbox: at most one drain
 * runs at once, and none while the buffer is empty).
 *
 * <p>Overflow rule: when the buffer is full, the newest event is dropped and counted, so the
 * publisher never waits. The next event that fits carries a {@link Gap} with the first missed
 * number and how many were missed, delivered just before it; a stream closed while events were
 * being dropped ends with such a gap.
 */
public final class Subscription {
  /** A buffered event (with the gap before it, if any), or a marker run in stream order. */
  private record Entry(Gap gap, ProgressEvent event, Runnable marker) {}

  private final String search;
  private final String name;
  private final int capacity;
  private final Executor executor;
  private final EventSubscriber subscriber;
  private final CompletableFuture<Void> closed = new CompletableFuture<>();

  // guarded by this
  private final ArrayDeque<Entry> queue = new ArrayDeque<>();
  private int buffered;
  private boolean running;
  private boolean ended;
  private long firstDropped;
  private long pendingDrops;
  private long dropped;
  private long gaps;
  private long delivered;
  private long failures;
  private RuntimeException firstFailure;

  Subscription(String search, String name, int capacity, Executor executor, EventSubscriber subscriber) {
    if (capacity < 1) {
      throw new IllegalArgumentException("a subscriber's buffer holds at least 1 event, got " + capacity);
    }
    this.search = search;
    this.name = Objects.requireNonNull(name, "name");
    this.capacity = capacity;
    this.executor = Objects.requireNonNull(executor, "executor");
    this.subscriber = Objects.requireNonNull(subscriber, "subscriber");
  }

  /** Buffers the event, or drops and counts it when the buffer is full. Never waits. */
  void offer(ProgressEvent event) {
    boolean start;
    synchronized (this) {
      if (ended) {
        return;
      }
      if (buffered >= capacity) {
        if (pendingDrops == 0) {
          firstDropped = event.seq();
        }
        pendingDrops++;
        dropped++;
        return;
      }
      queue.add(new Entry(takeGap(), event, null));
      buffered++;
      start = startDrain();
    }
    if (start) {
      schedule();
    }
  }

  /** Completes once everything buffered before this call has been handed to the subscriber. */
  CompletableFuture<Void> flush() {
    CompletableFuture<Void> flushed = new CompletableFuture<>();
    boolean start;
    synchronized (this) {
      if (ended) {
        return closed;
      }
      queue.add(new Entry(null, null, () -> flushed.complete(null)));
      start = startDrain();
    }
    if (start) {
      schedule();
    }
    return flushed;
  }

  /**
   * Takes no more events; what is buffered is still delivered, then the gap of any events dropped
   * at the end, then {@link EventSubscriber#onClose()}.
   */
  CompletableFuture<Void> close() {
    boolean start;
    synchronized (this) {
      if (ended) {
        return closed;
      }
      ended = true;
      queue.add(new Entry(takeGap(), null, this::finish));
      start = startDrain();
    }
    if (start) {
      schedule();
    }
    return closed;
  }

  /** Drops what is buffered and ends without delivering it (a subscriber that went away). */
  void cancel() {
    synchronized (this) {
      ended = true;
      queue.clear();
      buffered = 0;
    }
    closed.complete(null);
  }

  private Gap takeGap() {
    if (pendingDrops == 0) {
      return null;
    }
    Gap gap = new Gap(search, firstDropped, pendingDrops);
    pendingDrops = 0;
    gaps++;
    return gap;
  }

  private boolean startDrain() {
    if (running) {
      return false;
    }
    running = true;
    return true;
  }

  private void schedule() {
    try {
      executor.execute(this::drain);
    } catch (RejectedExecutionException e) {
      synchronized (this) {
        running = false;
        ended = true;
        queue.clear();
        buffered = 0;
      }
      closed.completeExceptionally(e);
    }
  }

  private void drain() {
    try {
      while (true) {
        Entry entry;
        synchronized (this) {
          entry = queue.poll();
          if (entry == null) {
            running = false;
            return;
          }
          if (entry.event() != null) {
            buffered--;
          }
        }
        deliver(entry);
      }
    } catch (Error e) {
      synchronized (this) {
        running = false;
      }
      throw e;
    }
  }

  private void deliver(Entry entry) {
    if (entry.gap() != null) {
      call(() -> subscriber.onGap(entry.gap()));
    }
    if (entry.event() != null) {
      call(() -> subscriber.onEvent(entry.event()));
      synchronized (this) {
        delivered++;
      }
    }
    if (entry.marker() != null) {
      entry.marker().run();
    }
  }

  private void finish() {
    call(subscriber::onClose);
    closed.complete(null);
  }

  private void call(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      synchronized (this) {
        failures++;
        if (firstFailure == null) {
          firstFailure = e;
        }
      }
    }
  }

  public String name() {
    return name;
  }

  public int capacity() {
    return capacity;
  }

  /** Completes when the stream is closed and everything before has been delivered. */
  public CompletableFuture<Void> closed() {
    return closed;
  }

  /** Events dropped so far because the buffer was full. */
  public synchronized long dropped() {
    return dropped;
  }

  /** Gaps handed over (or about to be, just before the next event). */
  public synchronized long gaps() {
    return gaps;
  }

  /** Events handed to the subscriber so far. */
  public synchronized long delivered() {
    return delivered;
  }

  /** Events waiting in the buffer. */
  public synchronized int buffered() {
    return buffered;
  }

  /** Calls of the subscriber that threw (each is counted; delivery goes on). */
  public synchronized long failures() {
    return failures;
  }

  public synchronized java.util.Optional<RuntimeException> firstFailure() {
    return java.util.Optional.ofNullable(firstFailure);
  }
}
