package io.mtnas.domain.events;

/**
 * Receives one search's progress events, in stream order, on its subscription's executor (never on
 * the publisher's thread), one call at a time. It may be slow: the publisher never waits for it.
 */
public interface EventSubscriber {
  void onEvent(ProgressEvent event);

  /** Events were dropped while this subscriber's buffer was full; called before the next event. */
  void onGap(Gap gap);

  /** The stream is closed and everything before has been delivered. */
  default void onClose() {}
}
