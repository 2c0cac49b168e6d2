package io.mtnas.domain.service;

/** Where a search submitted to the service stands. */
public enum SearchState {
  /** Accepted, waiting for a free slot. */
  QUEUED,
  RUNNING,
  /** Stopped on request, with everything it evaluated kept; resuming puts it back in the queue. */
  PAUSED,
  /** Every task ended (solved or budget spent); the report is ready. */
  FINISHED,
  /** The engine stopped without a report. */
  FAILED,
  /** Stopped on request before it finished. */
  CANCELLED;

  /** True once the search will never run again. */
  public boolean over() {
    return this == FINISHED || this == FAILED || this == CANCELLED;
  }
}
