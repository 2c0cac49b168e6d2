package io.mtnas.domain.events;

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
  // guarded by this; events[start..] are kept, in seq order (a follower finds its place by binary
  // search: polling a long history must not scan it)
  private final List<ProgressEvent> events = new ArrayList<>();
  private int start;
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
    int from = firstAfter(afterSeq);
    int to = (int) Math.min(events.size(), (long) from + max);
    List<ProgressEvent> out = List.copyOf(events.subList(from, to));
    long missed = 0;
    long expected = afterSeq + 1;
    for (ProgressEvent e : out) {
      missed += e.seq() - expected;
      expected = e.seq() + 1;
    }
    return new Page(out, missed, closed && to == events.size());
  }

  /** The index of the first kept event with a number above {@code seq}. */
  private int firstAfter(long seq) {
    int lo = start;
    int hi = events.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (events.get(mid).seq() <= seq) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  public synchronized boolean closed() {
    return closed;
  }

  public synchronized long lastSeq() {
    return events.size() == start ? 0 : events.get(events.size() - 1).seq();
  }

  public synchronized List<Gap> gaps() {
    return List.copyOf(gaps);
  }

  @Override
  public synchronized void onEvent(ProgressEvent event) {
    events.add(event);
    if (events.size() - start > capacity) {
      start++;
      if (start >= capacity) { // drop the forgotten half at once: amortised O(1) per event
        events.subList(0, start).clear();
        start = 0;
      }
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
