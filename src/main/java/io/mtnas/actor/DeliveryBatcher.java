package io.mtnas.actor;

import io.mtnas.domain.work.WriteBatches;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Stands in front of a search's {@link DeliveryJournal}: the entries that arrive while a write is
 * under way are stored together in the next one ({@link WriteBatches}), so with many workers the
 * journal writes once per storage round trip instead of once per delivery (one persist at a time
 * held the service to about one delivery per H2 write, docs/benchmarks.md section 15). The order,
 * and "stored before anyone is told", stay the journal's.
 */
public final class DeliveryBatcher {
  private DeliveryBatcher() {}

  /** Takes the journal's entries; the journal's {@link DeliveryJournal.Written} comes back to it. */
  public static Behavior<DeliveryJournal.Entry> create(ActorRef<DeliveryJournal.Command> journal) {
    return Behaviors.<Object>setup(context -> batching(journal, context.getSelf().narrow(), WriteBatches.idle()))
        .narrow();
  }

  private static Behavior<Object> batching(ActorRef<DeliveryJournal.Command> journal,
      ActorRef<DeliveryJournal.Written> self, WriteBatches<DeliveryJournal.Entry> batches) {
    return Behaviors.receive(Object.class)
        .onMessage(DeliveryJournal.Entry.class, e -> next(journal, self, batches.offer(e)))
        .onMessage(DeliveryJournal.Written.class, w -> next(journal, self, batches.written()))
        .build();
  }

  private static Behavior<Object> next(ActorRef<DeliveryJournal.Command> journal,
      ActorRef<DeliveryJournal.Written> self, WriteBatches.Step<DeliveryJournal.Entry> step) {
    step.write().ifPresent(entries -> journal.tell(new DeliveryJournal.Write(entries, self)));
    return batching(journal, self, step.next());
  }
}
