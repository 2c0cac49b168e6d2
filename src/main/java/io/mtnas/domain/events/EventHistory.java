package io.mtnas.domain.events;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The progress events of one search kept for clients that follow it (server-sent events): the
 * most recent {@code capacity} of them, so that a client that reconnects with the last number it
 * saw gets everything after it. Thread-safe: the stream delivers on its executor, clients read on
 * theirs.
 */
public final class EventHistory implements EventSubscriber {
  private final int capacity;
  // guarded by this
  private final ArrayDeque<ProgressEvent> events = new ArrayDeque<>();
  private final List<Gap> gaps = new ArrayList<>();
  private boolean closed;

  public EventHistory(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
    }
    this.capacity = capacity;
  }

  /**
   * What a client that has seen everything up to {@code afterSeq} gets next.
   *
   * @param missed events after {@code afterSeq} that are no longer (or were never) kept: the
   *     history's oldest fell out of it, or the stream dropped them for this history
   * @param closed the search is over and {@code events} ends its stream
   */
  public record Page(List<ProgressEvent> events, long missed, boolean closed) {}

  /** Up to {@code max} events after {@code afterSeq}, in order. */
  public synchronized Page after(long afterSeq, int max) {
    List<ProgressEvent> out = new ArrayList<>();
    long missed = 0;
    long expected = afterSeq + 1;
    for (ProgressEvent e : events) {
      if (e.seq() <= afterSeq) {
        continue;
      }
      if (out.size() >= max) {
        break;
      }
      missed += e.seq() - expected;
      expected = e.seq() + 1;
      out.add(e);
    }
    boolean rest = out.isEmpty() ? !events.isEmpty() && events.peekLast().seq() > afterSeq
        : out.get(out.size() - 1).seq() < events.peekLast().seq();
    return new Page(out, missed, closed && !rest);
  }

  public synchronized long lastSeq() {
    return events.isEmpty() ? 0 : events.peekLast().seq();
  }

  public synchronized List<Gap> gaps() {
    return List.copyOf(gaps);
  }

  @Override
  public synchronized void onEvent(ProgressEvent event) {
    events.addLast(event);
    if (events.size() > capacity) {
      events.removeFirst();
    }
  }

  @Override
  public synchronized void onGap(Gap gap) {
    gaps.add(gap);
  }

  @Override
  public synchronized void onClose() {
    closed = true;
  }
}
