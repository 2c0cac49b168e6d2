package io.mtnas.domain.work;

import java.util.ArrayList;
import java.util.List;

/**
 * A search's stored deliveries and notices (budget changes, joins), each in order: the state of its
 * durable journal, and its snapshot. A notice's place is the number of deliveries stored before it.
 */
public record StoredDeliveries(List<StoredDelivery> deliveries, List<StoredNotice> notices) {
  private static final StoredDeliveries EMPTY = new StoredDeliveries(List.of(), List.of());

  public StoredDeliveries {
    deliveries = List.copyOf(deliveries);
    notices = List.copyOf(notices);
  }

  public static StoredDeliveries empty() {
    return EMPTY;
  }

  /** With one more; a delivery numbered out of turn is refused (it would break the replay). */
  public StoredDeliveries with(StoredDelivery d) {
    if (d.sequence() != deliveries.size() + 1) {
      throw new IllegalArgumentException("delivery " + d.sequence() + " stored after " + deliveries.size());
    }
    return new StoredDeliveries(plus(deliveries, d), notices);
  }

  /** With one more notice, which must be placed after the deliveries stored so far. */
  public StoredDeliveries with(StoredNotice n) {
    if (n.afterDelivery() != deliveries.size()) {
      throw new IllegalArgumentException(n + " placed after delivery " + n.afterDelivery() + " stored after "
          + deliveries.size());
    }
    return new StoredDeliveries(deliveries, plus(notices, n));
  }

  /** Either kind of stored input. */
  public StoredDeliveries with(StoredInput input) {
    return input instanceof StoredDelivery d ? with(d) : with((StoredNotice) input);
  }

  public int size() {
    return deliveries.size();
  }

  private static <T> List<T> plus(List<T> list, T item) {
    List<T> copy = new ArrayList<>(list.size() + 1);
    copy.addAll(list);
    copy.add(item);
    return copy;
  }
}
