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
  private final List<StoredNotice> notices;
  private final int next;
  private final int nextNotice;

  private Replay(List<StoredDelivery> stored, List<StoredNotice> notices, int next, int nextNotice) {
    this.stored = stored;
    this.notices = notices;
    this.next = next;
    this.nextNotice = nextNotice;
  }

  public static Replay of(List<StoredDelivery> stored) {
    return of(new StoredDeliveries(stored, List.of()));
  }

  /** The deliveries and, each at its place among them, the notices (budgets, joins) a search stored. */
  public static Replay of(StoredDeliveries journal) {
    List<StoredDelivery> stored = journal.deliveries();
    for (int i = 0; i < stored.size(); i++) {
      if (stored.get(i).sequence() != i + 1) {
        throw new IllegalArgumentException("stored deliveries must be numbered 1, 2, 3...: entry " + i
            + " has sequence " + stored.get(i).sequence());
      }
    }
    long place = 0;
    for (StoredNotice n : journal.notices()) {
      if (n.afterDelivery() < place || n.afterDelivery() > stored.size()) {
        throw new IllegalArgumentException("stored notice " + n + " is out of place (after " + place
            + ", " + stored.size() + " deliveries stored)");
      }
      place = n.afterDelivery();
    }
    return new Replay(stored, journal.notices(), 0, 0);
  }

  public static Replay none() {
    return of(List.of());
  }

  public boolean done() {
    return next >= stored.size() && nextNotice >= notices.size();
  }

  /** Whether {@code task} joined the stored search (so a restarted one replays its join). */
  public boolean joins(String task) {
    return notices.stream().anyMatch(n -> n instanceof StoredJoin && n.task().equals(task));
  }

  /** Stored deliveries handed back so far. */
  public int replayed() {
    return next;
  }

  public int size() {
    return stored.size();
  }

  /**
   * What one {@link #advance} did: the ledger after it, the stored inputs to forward (deliveries
   * and notices, in their stored order), the rest.
   */
  public record Advance(WorkLedger ledger, List<StoredInput> handed, Replay rest) {
    public List<StoredDelivery> deliveries() {
      return handed.stream().filter(StoredDelivery.class::isInstance).map(StoredDelivery.class::cast).toList();
    }
  }

  /**
   * Hands the ledger every stored outcome whose job is pending, in stored order, stopping at the
   * first whose job is not (yet) resubmitted; a notice goes out as soon as the deliveries stored
   * before it have: after a budget change its population owes the ledger a reply, after a join the
   * joining population its first batch, as before.
   *
   * @throws Diverged when the restarted search cannot be the stored one: a delivery the ledger
   *     makes differs from the stored one, or the next stored job is not pending although nobody
   *     owes the ledger a reply (so it never will be)
   */
  public Advance advance(WorkLedger ledger) {
    List<StoredInput> out = new ArrayList<>();
    int i = next;
    int n = nextNotice;
    while (true) {
      while (n < notices.size() && notices.get(n).afterDelivery() == i) {
        StoredNotice notice = notices.get(n++);
        ledger = ledger.updated(notice instanceof StoredJoin
            ? new WorkEvent.Registered(notice.task()) : new WorkEvent.Notified(notice.task()));
        out.add(notice);
      }
      if (i >= stored.size()) {
        break;
      }
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
    return new Advance(ledger, out, new Replay(stored, notices, i, n));
  }

  /** A restarted search that does not retrace its stored deliveries. */
  public static final class Diverged extends IllegalStateException {
    Diverged(StoredDelivery at, String why) {
      super("recovery diverged at stored delivery " + at.sequence() + " (" + at.submitter() + "): " + why);
    }
  }
}
