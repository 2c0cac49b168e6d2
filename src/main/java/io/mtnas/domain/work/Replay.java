package io.mtnas.domain.work;

import io.mtnas.domain.evaluation.EvaluationOutcome;
import io.mtnas.domain.evaluation.JobId;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored deliveries of a search not yet handed back to a restarted search, in their order.
 *
 * <p>A restarted search starts from its seed and resubmits the jobs it submitted before (its
 * decisions depend only on the outcomes it was given, in order). {@link #advance} gives the ledger
 * each stored outcome as soon as its job is pending again, through a pretend worker, so the
 * populations see the same outcomes with the same delivery numbers as before the restart; nothing
 * is evaluated twice. A job that was in flight when the process died has no stored outcome: it is
 * simply pending after the replay, and is dispatched again. While a replay is not {@link #done},
 * nothing may be dispatched to a real worker, or a new result could slip in between stored ones.
 */
public final class Replay {
  /** The pretend worker that "evaluates" replayed jobs. */
  public static final String WORKER = "replay";

  private final List<StoredDelivery> stored;
  private final int next;

  private Replay(List<StoredDelivery> stored, int next) {
    this.stored = stored;
    this.next = next;
  }

  public static Replay of(List<StoredDelivery> stored) {
    for (int i = 0; i < stored.size(); i++) {
      if (stored.get(i).sequence() != i + 1) {
        throw new IllegalArgumentException("stored deliveries must be numbered 1, 2, 3...: entry " + i
            + " has sequence " + stored.get(i).sequence());
      }
    }
    return new Replay(List.copyOf(stored), 0);
  }

  public static Replay none() {
    return new Replay(List.of(), 0);
  }

  public boolean done() {
    return next >= stored.size();
  }

  /** Stored deliveries handed back so far. */
  public int replayed() {
    return next;
  }

  public int size() {
    return stored.size();
  }

  /** What one {@link #advance} did: the ledger after it, the deliveries to forward, the rest. */
  public record Advance(WorkLedger ledger, List<StoredDelivery> deliveries, Replay rest) {}

  /**
   * Hands the ledger every stored outcome whose job is pending, in stored order, stopping at the
   * first whose job is not (yet) resubmitted.
   *
   * @throws Diverged when the restarted search cannot be the stored one: a delivery the ledger
   *     makes differs from the stored one, or the next stored job is not pending although nobody
   *     owes the ledger a reply (so it never will be)
   */
  public Advance advance(WorkLedger ledger) {
    List<StoredDelivery> out = new ArrayList<>();
    int i = next;
    while (i < stored.size()) {
      StoredDelivery d = stored.get(i);
      JobId job = d.outcome().jobId();
      if (!ledger.isOpen(job)) {
        if (!ledger.awaitingReplies()) {
          throw new Diverged(d, "its job " + job + " was not submitted again");
        }
        break;
      }
      LedgerUpdate update = ledger.apply(new WorkEvent.Started(job, WORKER, Long.MAX_VALUE));
      ledger = update.ledger();
      update = ledger.apply(d.outcome() instanceof EvaluationOutcome.Scored s
          ? new WorkEvent.Completed(WORKER, s)
          : new WorkEvent.Failed(WORKER, (EvaluationOutcome.Failed) d.outcome()));
      ledger = update.ledger();
      for (Delivery made : update.deliveries()) {
        // a given-up failure's reason is the ledger's rewording of the stored one: compare what counts
        if (!made.submitter().equals(d.submitter()) || !made.outcome().jobId().equals(job)
            || made.outcome().getClass() != d.outcome().getClass()) {
          throw new Diverged(d, "the restarted search delivered " + made + " instead");
        }
        out.add(d); // the populations get exactly what they got before
        i++;
      }
      // a retryable failure went back to the queue: the loop starts and fails it again
    }
    return new Advance(ledger, out, new Replay(stored, i));
  }

  /** A restarted search that does not retrace its stored deliveries. */
  public static final class Diverged extends IllegalStateException {
    Diverged(StoredDelivery at, String why) {
      super("recovery diverged at stored delivery " + at.sequence() + " (" + at.submitter() + "): " + why);
    }
  }
}
