package io.mtnas.domain.population;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The code indices a task has proposed: an immutable bitset, copied on write. The spaces it serves
 * hold at most a few tens of thousands of architectures (NB201: 15,625, i.e. 245 words), so one
 * copy per proposal costs about as much as allocating the proposed architecture. Bits past the end
 * of the space are kept set, so "unseen" is simply "zero bit".
 */
final class SeenSet {
  /** Beyond this a bitset is the wrong structure (a DARTS-sized space needs a hashed set). */
  static final long MAX_SIZE = 1L << 26;

  private static final int REJECTION_TRIES = 64;

  private final long size;
  private final long[] words;
  private final long count;

  private SeenSet(long size, long[] words, long count) {
    this.size = size;
    this.words = words;
    this.count = count;
  }

  static SeenSet empty(long size) {
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException(
          "a seen-set covers 1.." + MAX_SIZE + " architectures, got a space of " + size);
    }
    long[] words = new long[(int) ((size + 63) >>> 6)];
    int tail = (int) (size & 63);
    if (tail != 0) {
      words[words.length - 1] = -1L << tail;
    }
    return new SeenSet(size, words, 0);
  }

  long size() {
    return size;
  }

  long count() {
    return count;
  }

  boolean full() {
    return count == size;
  }

  boolean contains(long index) {
    checkIndex(index);
    return (words[(int) (index >>> 6)] & (1L << index)) != 0;
  }

  /** This set plus {@code index}; {@code this} when already present. */
  SeenSet with(long index) {
    if (contains(index)) {
      return this;
    }
    long[] copy = words.clone();
    copy[(int) (index >>> 6)] |= 1L << index;
    return new SeenSet(size, copy, count + 1);
  }

  /**
   * A uniformly random index not in the set, or -1 when the set is full. Rejection sampling while
   * the set is sparse; then it counts zero bits word by word, so late random search (most of the
   * space seen) stays cheap instead of scanning every architecture.
   */
  long sampleUnseen(RandomGenerator rng) {
    if (full()) {
      return -1;
    }
    for (int i = 0; i < REJECTION_TRIES; i++) {
      long candidate = rng.nextLong(size);
      if (!contains(candidate)) {
        return candidate;
      }
    }
    long rank = rng.nextLong(size - count);
    for (int w = 0; w < words.length; w++) {
      long free = ~words[w];
      int zeros = Long.bitCount(free);
      if (rank < zeros) {
        for (; rank > 0; rank--) {
          free &= free - 1;
        }
        return ((long) w << 6) + Long.numberOfTrailingZeros(free);
      }
      rank -= zeros;
    }
    throw new IllegalStateException("seen-set count out of step with its bits");
  }

  private void checkIndex(long index) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("index must be in 0.." + (size - 1) + ", got " + index);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SeenSet other && size == other.size && Arrays.equals(words, other.words);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(words);
  }
}
