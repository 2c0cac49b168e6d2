package io.mtnas.domain.work;

import java.util.Objects;

/**
 * A task that joined a durable search after {@code afterDelivery} search-wide deliveries: from
 * there on its population submits jobs like the others. Its definition is the search's (the
 * catalog, or a spec's {@code join_after}); the journal only fixes where it joined.
 */
public record StoredJoin(long afterDelivery, String task) implements StoredNotice {
  public StoredJoin {
    if (afterDelivery < 0) {
      throw new IllegalArgumentException("afterDelivery must be >= 0, got " + afterDelivery);
    }
    Objects.requireNonNull(task, "task");
  }
}
