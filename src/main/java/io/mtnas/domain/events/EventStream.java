package io.mtnas.domain.events;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/**
 * One search's progress events, numbered 1, 2, 3... in the order they are published and handed to
 * every subscriber in that order. Publishing may happen on many threads at once (every actor of
 * the search publishes); numbering and buffering happen under one short lock, and delivery on each
 * subscriber's own executor, so a slow subscriber only ever loses events (see {@link
 * Subscription}), it never holds up the publisher or the other subscribers.
 */
public final class EventStream {
  private final String search;
  private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

  // guarded by this
  private long seq;
  private boolean closed;
  private long droppedAfterClose;
  private CompletableFuture<Void> closing;

  public EventStream(String search) {
    this.search = Objects.requireNonNull(search, "search");
  }

  public String search() {
    return search;
  }

  /**
   * Subscribes from the next event on.
   *
   * @param capacity how many events may wait for this subscriber before new ones are dropped
   * @param executor where the subscriber is called; give a slow subscriber one it does not share
   *     with others it could hold up (a thread of its own, or a growing pool)
   */
  public synchronized Subscription subscribe(
      String name, int capacity, Executor executor, EventSubscriber subscriber) {
    if (closed) {
      throw new IllegalStateException("the event stream of " + search + " is closed");
    }
    Subscription s = new Subscription(search, name, capacity, executor, subscriber);
    subscriptions.add(s);
    return s;
  }

  /** Stops delivering to {@code s} at once, dropping what is buffered for it. */
  public synchronized void unsubscribe(Subscription s) {
    if (subscriptions.remove(s)) {
      s.cancel();
    }
  }

  /**
   * Numbers the event and buffers it for every subscriber; never waits for one.
   *
   * @return its number, or 0 when the stream is already closed (the event is dropped and counted)
   */
  public synchronized long publish(String name, Map<String, Object> fields) {
    if (closed) {
      droppedAfterClose++;
      return 0;
    }
    ProgressEvent event = new ProgressEvent(search, ++seq, name, fields);
    for (Subscription s : subscriptions) {
      s.offer(event);
    }
    return event.seq();
  }

  /** Completes when every subscriber has been handed everything published before this call. */
  public synchronized CompletableFuture<Void> flush() {
    return CompletableFuture.allOf(subscriptions.stream().map(Subscription::flush).toArray(CompletableFuture[]::new));
  }

  /**
   * Takes no more events. Completes when every subscriber has been handed everything published
   * before (and a last gap, where it was dropping events) and told the stream ended. Idempotent.
   */
  public synchronized CompletableFuture<Void> close() {
    if (closing == null) {
      closed = true;
      closing = CompletableFuture.allOf(
          subscriptions.stream().map(Subscription::close).toArray(CompletableFuture[]::new));
    }
    return closing;
  }

  /** The number of the last event published, 0 before the first. */
  public synchronized long lastSeq() {
    return seq;
  }

  public synchronized boolean isClosed() {
    return closed;
  }

  /** Events published after {@link #close()}, dropped for every subscriber. */
  public synchronized long droppedAfterClose() {
    return droppedAfterClose;
  }

  public List<Subscription> subscriptions() {
    return List.copyOf(subscriptions);
  }
}
