package io.mtnas.domain.work;

/**
 * Something a durable search announced between deliveries, in the order announced: a budget change
 * or a task joining. Its place is the number of deliveries stored before it; a restarted search
 * announces it again at the same place, so every population takes the same decisions as before.
 */
public sealed interface StoredNotice extends StoredInput permits StoredBudget, StoredJoin {
  long afterDelivery();

  String task();
}
