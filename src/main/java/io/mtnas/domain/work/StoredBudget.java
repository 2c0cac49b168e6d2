package io.mtnas.domain.work;

import java.util.Objects;

/**
 * A budget change as a durable search announced it to one population: after {@code
 * afterDelivery} search-wide deliveries, task {@code task} may use {@code budget} evaluations. A
 * restarted search announces it again at the same place among its replayed deliveries, so the
 * population takes the same decisions as before.
 */
public record StoredBudget(long afterDelivery, String task, int budget) implements StoredNotice {
  public StoredBudget {
    if (afterDelivery < 0) {
      throw new IllegalArgumentException("afterDelivery must be >= 0, got " + afterDelivery);
    }
    Objects.requireNonNull(task, "task");
    if (budget < 1) {
      throw new IllegalArgumentException("budget must be >= 1, got " + budget);
    }
  }
}
