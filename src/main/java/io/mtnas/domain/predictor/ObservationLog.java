package io.mtnas.domain.predictor;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Every integrated outcome of a search by its search-wide sequence number (1, 2, 3...), scored ones
 * with their observation, failed ones as gaps. Observations may arrive out of order; {@link
 * #complete()} is the longest prefix that has arrived, and a request "as of" {@code s} can be
 * answered once {@code complete() >= s}, always from exactly the observations numbered up to s.
 */
public final class ObservationLog {
  private final List<Observation> inOrder = new ArrayList<>();
  private final TreeMap<Long, Observation> early = new TreeMap<>();
  private final java.util.Set<Long> earlyGaps = new java.util.HashSet<>();
  private long complete;

  /** Records a scored outcome. Mutable by design: it lives inside one actor. */
  public void add(Observation o) {
    accept(o.sequence(), o);
  }

  /** Records an outcome that produced no score (a failure), so the prefix can move past it. */
  public void addGap(long sequence) {
    accept(sequence, null);
  }

  private void accept(long sequence, Observation o) {
    if (sequence <= complete || early.containsKey(sequence) || earlyGaps.contains(sequence)) {
      throw new IllegalArgumentException("sequence " + sequence + " recorded twice");
    }
    if (o != null) {
      early.put(sequence, o);
    } else {
      earlyGaps.add(sequence);
    }
    while (true) {
      long next = complete + 1;
      Observation head = early.remove(next);
      if (head != null) {
        inOrder.add(head);
      } else if (!earlyGaps.remove(next)) {
        break;
      }
      complete = next;
    }
  }

  public long complete() {
    return complete;
  }

  /**
   * The scored observations numbered up to {@code sequence} (which must be complete), in order: an
   * unmodifiable snapshot that later arrivals do not change.
   */
  public List<Observation> upTo(long sequence) {
    if (sequence > complete) {
      throw new IllegalArgumentException("observations up to " + sequence + " requested, " + complete + " complete");
    }
    int end = 0;
    while (end < inOrder.size() && inOrder.get(end).sequence() <= sequence) {
      end++;
    }
    return List.copyOf(inOrder.subList(0, end));
  }
}
