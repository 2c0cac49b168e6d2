package io.mtnas.domain.events;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every search's progress events in one history, numbered service-wide in the order they reached
 * it ({@code GET /events}). Each search's stream gets its own {@link #forSearch() subscriber}; the
 * kept event carries the service-wide number as its {@code seq} and the search's own number as
 * field {@link #SEARCH_SEQ}. Events a search's subscription dropped take numbers too, so a
 * follower sees the hole as a gap. Thread-safe: subscriptions deliver on their own threads.
 */
public final class ServiceEvents {
  /** The field holding the event's number in its own search's stream. */
  public static final String SEARCH_SEQ = "search_seq";

  private final EventHistory history;
  private long seq; // guarded by this

  public ServiceEvents(int capacity) {
    this.history = new EventHistory(capacity);
  }

  public EventHistory history() {
    return history;
  }

  /** A subscriber for one search's stream; its end does not end the service's history. */
  public EventSubscriber forSearch() {
    return new EventSubscriber() {
      @Override
      public void onEvent(ProgressEvent event) {
        add(event);
      }

      @Override
      public void onGap(Gap gap) {
        skip(gap.missed());
      }
    };
  }

  private synchronized void add(ProgressEvent event) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put(SEARCH_SEQ, event.seq());
    fields.putAll(event.fields());
    history.onEvent(new ProgressEvent(event.search(), ++seq, event.name(), fields));
  }

  private synchronized void skip(long missed) {
    seq += missed;
  }
}
