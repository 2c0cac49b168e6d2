package io.mtnas.actor;

import io.mtnas.domain.work.StoredBudget;
import io.mtnas.domain.work.StoredDeliveries;
import io.mtnas.domain.work.StoredDelivery;
import io.mtnas.domain.work.StoredInput;
import io.mtnas.domain.work.StoredJoin;
import io.mtnas.domain.work.StoredNotice;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * One durable search's deliveries and budget notices (entity {@code search-deliveries|<id>}): every
 * final outcome, every budget change and every join, is persisted here before its population is told, so no outcome counts anywhere before it is stored.
 * Once recovered it hands what it stored to {@code recovered}, which the restarted search replays.
 * Snapshots every {@link #SNAPSHOT_EVERY} deliveries keep recovery to one read plus the tail.
 */
public final class DeliveryJournal
    extends EventSourcedBehavior<DeliveryJournal.Command, StoredInput, StoredDeliveries> {
  static final int SNAPSHOT_EVERY = 1000;

  public sealed interface Command extends NoSerializationVerificationNeeded {}

  /** Persist {@code delivery}, then tell it to {@code to}. */
  public record Record(StoredDelivery delivery, ActorRef<WorkManager.Delivered> to) implements Command {}

  /** Persist {@code budget} (placed after the deliveries stored so far), then tell it to {@code to}. */
  public record RecordBudget(StoredBudget budget, ActorRef<WorkManager.BudgetNotice> to) implements Command {}

  /** Persist {@code join} (placed after the deliveries stored so far), then tell it to {@code to}. */
  public record RecordJoin(StoredJoin join, ActorRef<WorkManager.TaskJoined> to) implements Command {}

  private final ActorRef<StoredDeliveries> recovered;

  private DeliveryJournal(String searchId, ActorRef<StoredDeliveries> recovered) {
    // a failed write stops the journal (Pekko's default) and its session fails the search: a
    // restart with backoff would drop the deliveries sent meanwhile and stall the search
    super(persistenceId(searchId));
    this.recovered = recovered;
  }

  public static PersistenceId persistenceId(String searchId) {
    return PersistenceId.of("search-deliveries", searchId);
  }

  /** @param recovered told the stored deliveries once recovery is complete */
  public static Behavior<Command> create(String searchId, ActorRef<StoredDeliveries> recovered) {
    return new DeliveryJournal(searchId, recovered);
  }

  @Override
  public StoredDeliveries emptyState() {
    return StoredDeliveries.empty();
  }

  @Override
  public CommandHandler<Command, StoredInput, StoredDeliveries> commandHandler() {
    return newCommandHandlerBuilder()
        .forAnyState()
        .onCommand(Record.class, (state, r) -> {
          if (r.delivery().sequence() != state.size() + 1) {
            throw new IllegalStateException("delivery " + r.delivery().sequence() + " after " + state.size()
                + " stored: the work manager must number them 1, 2, 3...");
          }
          return Effect().persist((StoredInput) r.delivery())
              .thenRun(s -> r.to().tell(WorkManager.Delivered.of(r.delivery())));
        })
        .onCommand(RecordBudget.class, (state, r) -> persistNotice(state, r.budget(),
            () -> r.to().tell(new WorkManager.BudgetNotice(r.budget().budget()))))
        .onCommand(RecordJoin.class, (state, r) -> persistNotice(state, r.join(),
            () -> r.to().tell(new WorkManager.TaskJoined(r.join().task(), r.join().afterDelivery()))))
        .build();
  }

  private org.apache.pekko.persistence.typed.javadsl.Effect<StoredInput, StoredDeliveries> persistNotice(
      StoredDeliveries state, StoredNotice notice, Runnable then) {
    if (notice.afterDelivery() != state.size()) {
      throw new IllegalStateException("notice " + notice + " placed after delivery " + notice.afterDelivery()
          + " with " + state.size() + " stored");
    }
    return Effect().persist((StoredInput) notice).thenRun(s -> then.run());
  }

  @Override
  public EventHandler<StoredDeliveries, StoredInput> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onEvent(StoredInput.class, StoredDeliveries::with).build();
  }

  @Override
  public SignalHandler<StoredDeliveries> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), recovered::tell)
        .build();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(SNAPSHOT_EVERY, 2);
  }
}
