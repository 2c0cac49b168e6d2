package io.mtnas.actor;

import io.mtnas.domain.work.Replay;
import io.mtnas.domain.work.StoredBudget;
import io.mtnas.domain.work.StoredDelivery;
import io.mtnas.domain.work.StoredJoin;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Whether a search's deliveries are stored before its populations see them ({@code mtnas serve}) or
 * go to them directly ({@code mtnas run}), and, after a restart, what it stored before. Budget
 * notices and joins take the same way, so they keep their place among the deliveries.
 */
public record SearchDurability(Replay replay, Optional<ActorRef<DeliveryJournal.Entry>> journal) {
  private static final SearchDurability NONE = new SearchDurability(Replay.none(), Optional.empty());

  public static SearchDurability none() {
    return NONE;
  }

  /** @param journal the {@link DeliveryBatcher} in front of the search's journal */
  public static SearchDurability journaled(Replay replay, ActorRef<DeliveryJournal.Entry> journal) {
    return new SearchDurability(replay, Optional.of(journal));
  }

  void sendBudget(StoredBudget b, ActorRef<WorkManager.BudgetNotice> to) {
    if (journal.isPresent()) {
      journal.get().tell(new DeliveryJournal.RecordBudget(b, to));
    } else {
      to.tell(new WorkManager.BudgetNotice(b.budget()));
    }
  }

  void sendJoin(StoredJoin j, ActorRef<WorkManager.TaskJoined> to) {
    if (journal.isPresent()) {
      journal.get().tell(new DeliveryJournal.RecordJoin(j, to));
    } else {
      to.tell(new WorkManager.TaskJoined(j.task(), j.afterDelivery()));
    }
  }

  void send(StoredDelivery d, ActorRef<WorkManager.Delivered> to) {
    if (journal.isPresent()) {
      journal.get().tell(new DeliveryJournal.Record(d, to));
    } else {
      to.tell(WorkManager.Delivered.of(d));
    }
  }
}
