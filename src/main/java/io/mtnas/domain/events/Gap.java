package io.mtnas.domain.events;

/**
 * What a subscriber missed: the events numbered {@code firstMissedSeq} to {@code lastMissedSeq}
 * of its search were dropped because its buffer was full. Delivered once, just before the next
 * event it does receive (or before the end of the stream), never as part of the search's own
 * numbering.
 */
public record Gap(String search, long firstMissedSeq, long missed) {
  public Gap {
    if (firstMissedSeq < 1 || missed < 1) {
      throw new IllegalArgumentException("a gap misses at least one event from seq 1 on: " + firstMissedSeq
          + ", " + missed);
    }
  }

  public long lastMissedSeq() {
    return firstMissedSeq + missed - 1;
  }
}
