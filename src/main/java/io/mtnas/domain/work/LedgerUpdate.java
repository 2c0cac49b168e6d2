package io.mtnas.domain.work;

import io.mtnas.domain.evaluation.EvaluationJob;
import io.mtnas.domain.evaluation.JobId;
import java.util.List;
import java.util.Objects;

/**
 * What applying one event did.
 *
 * @param ledger the state after the event
 * @param deliveries final outcomes to forward to their submitters, in order
 * @param requeued jobs put back in the pending queue for another attempt
 * @param ignored jobs the event had no effect on: duplicate submissions, results for jobs not open,
 *     starts of jobs not pending, failures and time-outs from a worker not holding the job
 */
public record LedgerUpdate(
    WorkLedger ledger, List<Delivery> deliveries, List<EvaluationJob> requeued, List<JobId> ignored) {
  public LedgerUpdate {
    Objects.requireNonNull(ledger, "ledger");
    deliveries = List.copyOf(deliveries);
    requeued = List.copyOf(requeued);
    ignored = List.copyOf(ignored);
  }

  /** A change (or none) with nothing to deliver, re-queue or report. */
  static LedgerUpdate silent(WorkLedger ledger) {
    return new LedgerUpdate(ledger, List.of(), List.of(), List.of());
  }

  /** No change: the event did not apply to {@code job}. */
  static LedgerUpdate ignoring(WorkLedger ledger, JobId job) {
    return new LedgerUpdate(ledger, List.of(), List.of(), List.of(job));
  }
}
