package io.mtnas.domain.work;

import java.util.ArrayList;
import java.util.List;

/**
 * A search's stored deliveries and budget changes, each in order: the state of its durable
 * journal, and its snapshot. A budget change's place is the number of deliveries stored before it.
 */
public record StoredDeliveries(List<StoredDelivery> deliveries, List<StoredBudget> budgets) {
  private static final StoredDeliveries EMPTY = new StoredDeliveries(List.of(), List.of());

  public StoredDeliveries {
    deliveries = List.copyOf(deliveries);
    budgets = List.copyOf(budgets);
  }

  public static StoredDeliveries empty() {
    return EMPTY;
  }

  /** With one more; a delivery numbered out of turn is refused (it would break the replay). */
  public StoredDeliveries with(StoredDelivery d) {
    if (d.sequence() != deliveries.size() + 1) {
      throw new IllegalArgumentException("delivery " + d.sequence() + " stored after " + deliveries.size());
    }
    return new StoredDeliveries(plus(deliveries, d), budgets);
  }

  /** With one more budget change, which must be placed after the deliveries stored so far. */
  public StoredDeliveries with(StoredBudget b) {
    if (b.afterDelivery() != deliveries.size()) {
      throw new IllegalArgumentException("budget change placed after delivery " + b.afterDelivery() + " stored after "
          + deliveries.size());
    }
    return new StoredDeliveries(deliveries, plus(budgets, b));
  }

  /** Either kind of stored input. */
  public StoredDeliveries with(StoredInput input) {
    return input instanceof StoredDelivery d ? with(d) : with((StoredBudget) input);
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
