package io.mtnas.domain.work;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Group commit for one writer that takes one write at a time: an entry offered while nothing is
 * being written goes out alone and at once; entries offered while a write is under way wait and
 * go out together, in the order offered, as soon as it is done. A journal that stores every
 * delivery before it counts then writes as often as its storage answers, not once per delivery.
 *
 * @param writing whether a write is under way
 * @param waiting the entries offered since it began, oldest first
 */
public record WriteBatches<T>(boolean writing, List<T> waiting) {
  public WriteBatches {
    waiting = List.copyOf(waiting);
    if (!writing && !waiting.isEmpty()) {
      throw new IllegalArgumentException("entries wait only behind a write, got " + waiting.size() + " idle");
    }
  }

  public static <T> WriteBatches<T> idle() {
    return new WriteBatches<>(false, List.of());
  }

  /** The next state and the batch to write now, if any. */
  public record Step<T>(WriteBatches<T> next, Optional<List<T>> write) {}

  /** {@code entry} is offered: written at once when idle, else queued behind the write under way. */
  public Step<T> offer(T entry) {
    if (!writing) {
      return new Step<>(new WriteBatches<>(true, List.of()), Optional.of(List.of(entry)));
    }
    List<T> more = new ArrayList<>(waiting);
    more.add(entry);
    return new Step<>(new WriteBatches<>(true, more), Optional.empty());
  }

  /** The write under way is done: everything that waited goes out as the next one. */
  public Step<T> written() {
    if (!writing) {
      throw new IllegalStateException("no write under way");
    }
    if (waiting.isEmpty()) {
      return new Step<>(idle(), Optional.empty());
    }
    return new Step<>(new WriteBatches<>(true, List.of()), Optional.of(waiting));
  }
}
