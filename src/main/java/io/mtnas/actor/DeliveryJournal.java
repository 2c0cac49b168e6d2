package io.mtnas.actor;

import io.mtnas.domain.work.StoredBudget;
import io.mtnas.domain.work.StoredDeliveries;
import io.mtnas.domain.work.StoredDelivery;
import io.mtnas.domain.work.StoredInput;
import io.mtnas.domain.work.StoredJoin;
import io.mtnas.domain.work.StoredNotice;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
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

  /** One input to store and then pass on: what the {@link DeliveryBatcher} takes and groups into a {@link Write}. */
  public sealed interface Entry extends NoSerializationVerificationNeeded {
    StoredInput input();

    /** Tells the stored input to whoever waits for it. */
    void passOn();
  }

  /** Persist {@code delivery}, then tell it to {@code to}. */
  public record Record(StoredDelivery delivery, ActorRef<WorkManager.Delivered> to) implements Entry {
    public StoredInput input() {
      return delivery;
    }

    public void passOn() {
      to.tell(WorkManager.Delivered.of(delivery));
    }
  }

  /** Persist {@code budget} (placed after the deliveries stored so far), then tell it to {@code to}. */
  public record RecordBudget(StoredBudget budget, ActorRef<WorkManager.BudgetNotice> to) implements Entry {
    public StoredInput input() {
      return budget;
    }

    public void passOn() {
      to.tell(new WorkManager.BudgetNotice(budget.budget()));
    }
  }

  /** Persist {@code join} (placed after the deliveries stored so far), then tell it to {@code to}. */
  public record RecordJoin(StoredJoin join, ActorRef<WorkManager.TaskJoined> to) implements Entry {
    public StoredInput input() {
      return join;
    }

    public void passOn() {
      to.tell(new WorkManager.TaskJoined(join.task(), join.afterDelivery()));
    }
  }

  /**
   * Persist {@code entries} in one atomic write, in this order, then pass each on and tell {@code
   * written}: what {@link DeliveryBatcher} sends.
   */
  public record Write(List<Entry> entries, ActorRef<Written> written) implements Command {}

  /** A {@link Write} is stored and its entries passed on. */
  public enum Written implements NoSerializationVerificationNeeded {
    INSTANCE
  }

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
        .onCommand(Write.class, this::write)
        .build();
  }

  /** Checks each entry's place against what is stored before it, then stores them all at once. */
  private Effect<StoredInput, StoredDeliveries> write(StoredDeliveries state, Write write) {
    List<Entry> entries = write.entries();
    long stored = state.size();
    List<StoredInput> inputs = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      StoredInput input = e.input();
      if (input instanceof StoredDelivery d) {
        if (d.sequence() != ++stored) {
          throw new IllegalStateException("delivery " + d.sequence() + " after " + (stored - 1)
              + " stored: the work manager must number them 1, 2, 3...");
        }
      } else if (input instanceof StoredNotice n && n.afterDelivery() != stored) {
        throw new IllegalStateException("notice " + n + " placed after delivery " + n.afterDelivery()
            + " with " + stored + " stored");
      }
      inputs.add(input);
    }
    return Effect().persist(inputs).thenRun(s -> {
      entries.forEach(Entry::passOn);
      write.written().tell(Written.INSTANCE);
    });
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
