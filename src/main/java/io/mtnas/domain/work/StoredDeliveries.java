package io.mtnas.domain.work;

import java.util.ArrayList;
import java.util.List;

/** A search's stored deliveries in order: the state of its durable journal, and its snapshot. */
public record StoredDeliveries(List<StoredDelivery> deliveries) {
  private static final StoredDeliveries EMPTY = new StoredDeliveries(List.of());

  public StoredDeliveries {
    deliveries = List.copyOf(deliveries);
  }

  public static StoredDeliveries empty() {
    return EMPTY;
  }

  /** With one more; a delivery numbered out of turn is refused (it would break the replay). */
  public StoredDeliveries with(StoredDelivery d) {
    if (d.sequence() != deliveries.size() + 1) {
      throw new IllegalArgumentException("delivery " + d.sequence() + " stored after " + deliveries.size());
    }
    List<StoredDelivery> copy = new ArrayList<>(deliveries.size() + 1);
    copy.addAll(deliveries);
    copy.add(d);
    return new StoredDeliveries(copy);
  }

  public int size() {
    return deliveries.size();
  }
}
