package io.mtnas.domain.work;

import static io.mtnas.domain.work.Jobs.failed;
import static io.mtnas.domain.work.Jobs.job;
import static io.mtnas.domain.work.Jobs.scored;
import static org.assertj.core.api.Assertions.assertThat;

import io.mtnas.domain.evaluation.EvaluationJob;
import io.mtnas.domain.evaluation.EvaluationOutcome;
import io.mtnas.domain.evaluation.EvaluationOutcome.FailureKind;
import io.mtnas.domain.evaluation.JobId;
import io.mtnas.domain.work.WorkEvent.Completed;
import io.mtnas.domain.work.WorkEvent.Failed;
import io.mtnas.domain.work.WorkEvent.Registered;
import io.mtnas.domain.work.WorkEvent.Started;
import io.mtnas.domain.work.WorkEvent.Submitted;
import io.mtnas.domain.work.WorkEvent.TimedOut;
import io.mtnas.domain.work.WorkEvent.WorkerLost;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkLedgerTest {
  private static final EvaluationJob A0 = job("a", 0);
  private static final EvaluationJob A1 = job("a", 1);
  private static final EvaluationJob A2 = job("a", 2);
  private static final EvaluationJob B0 = job("b", 0);
  private static final EvaluationJob B1 = job("b", 1);

  /** Submitter "a" registered and its first batch in: the gate is open. */
  private static WorkLedger withJobs(RetryPolicy policy, EvaluationJob... jobs) {
    return WorkLedger.of(policy, List.of("a")).updated(new Submitted("a", List.of(jobs)));
  }

  private static WorkLedger started(WorkLedger ledger, EvaluationJob job, String worker, long deadline) {
    return ledger.updated(new Started(job.id(), worker, deadline));
  }

  @Test
  void acceptStartCompleteDeliversTheScoreOnceAndWaitsForTheReply() {
    WorkLedger ledger = WorkLedger.of(RetryPolicy.attempts(3), List.of("a"));
    assertThat(ledger.owes("a")).isEqualTo(1);

    ledger = ledger.updated(new Submitted("a", List.of(A0, A1)));
    assertThat(ledger.owes("a")).isZero();
    assertThat(ledger.pendingCount()).isEqualTo(2);
    assertThat(ledger.nextJob()).contains(A0);

    ledger = started(ledger, A0, "w1", 1_000);
    assertThat(ledger.pendingCount()).isEqualTo(1);
    assertThat(ledger.inFlight()).containsExactly(new InFlight("a", A0, "w1", 1_000));
    assertThat(ledger.jobsOf("w1")).extracting(InFlight::job).containsExactly(A0);
    assertThat(ledger.jobsOf("w2")).isEmpty();

    LedgerUpdate done = ledger.apply(new Completed("w1", scored(A0)));
    assertThat(done.deliveries()).containsExactly(new Delivery("a", scored(A0)));
    assertThat(done.ignored()).isEmpty();
    ledger = done.ledger();
    assertThat(ledger.inFlightCount()).isZero();
    assertThat(ledger.completed()).isEqualTo(1);
    assertThat(ledger.owes("a")).isEqualTo(1);
    assertThat(ledger.nextJob()).as("a owes a reply to its result").isEmpty();

    ledger = ledger.updated(new Submitted("a", List.of()));
    assertThat(ledger.nextJob()).contains(A1);
    assertThat(ledger.isDone()).isFalse();
  }

  @Test
  void duplicateSubmissionsAreIgnoredWhetherOpenOrFinished() {
    LedgerUpdate first = WorkLedger.of(RetryPolicy.attempts(3), List.of("a"))
        .apply(new Submitted("a", List.of(A0, A0, A1)));
    assertThat(first.ignored()).containsExactly(A0.id());
    WorkLedger ledger = first.ledger();
    assertThat(ledger.pendingCount()).isEqualTo(2);

    ledger = started(ledger, A0, "w1", 1_000);
    LedgerUpdate again = ledger.apply(new Submitted("a", List.of(A0)));
    assertThat(again.ignored()).containsExactly(A0.id());
    assertThat(again.ledger().pendingCount()).isEqualTo(1);

    ledger = ledger.updated(new Completed("w1", scored(A0)));
    LedgerUpdate afterDone = ledger.apply(new Submitted("a", List.of(A0.nextAttempt())));
    assertThat(afterDone.ignored()).containsExactly(A0.id());
    assertThat(afterDone.ledger().pending()).extracting(QueuedJob::job).containsExactly(A1);
    assertThat(afterDone.ledger().wasAccepted(A0.id())).isTrue();
    assertThat(afterDone.ledger().isOpen(A0.id())).isFalse();
    assertThat(afterDone.ledger().owes("a")).as("the batch still settles the debt").isZero();
  }

  @Test
  void aDuplicateOrUnknownResultIsIgnoredAndNotDelivered() {
    WorkLedger ledger = started(withJobs(RetryPolicy.attempts(3), A0), A0, "w1", 1_000);
    ledger = ledger.updated(new Completed("w1", scored(A0)));

    LedgerUpdate duplicate = ledger.apply(new Completed("w1", scored(A0)));
    assertThat(duplicate.deliveries()).isEmpty();
    assertThat(duplicate.ignored()).containsExactly(A0.id());
    assertThat(duplicate.ledger()).isSameAs(ledger);

    LedgerUpdate unknown = ledger.apply(new Completed("w1", scored(B0)));
    assertThat(unknown.deliveries()).isEmpty();
    assertThat(unknown.ignored()).containsExactly(B0.id());

    LedgerUpdate lateFailure = ledger.apply(new Failed("w1", failed(A0, FailureKind.CRASHED)));
    assertThat(lateFailure.deliveries()).isEmpty();
    assertThat(lateFailure.ignored()).containsExactly(A0.id());
    assertThat(ledger.completed()).isEqualTo(1);
    assertThat(ledger.owes("a")).isEqualTo(1);
  }

  @Test
  void aTimedOutJobGoesBackToTheQueueWithTheNextAttempt() {
    WorkLedger ledger = started(withJobs(RetryPolicy.attempts(3), A0, A1), A0, "w1", 1_000);
    assertThat(ledger.nextDeadline()).hasValue(1_000);
    assertThat(ledger.expired(999)).isEmpty();
    assertThat(ledger.expired(1_000)).extracting(InFlight::job).containsExactly(A0);

    LedgerUpdate update = ledger.apply(new TimedOut(A0.id(), "w1"));
    assertThat(update.requeued()).containsExactly(A0.nextAttempt());
    assertThat(update.deliveries()).isEmpty();
    ledger = update.ledger();
    assertThat(ledger.inFlightCount()).isZero();
    assertThat(ledger.nextDeadline()).isEmpty();
    assertThat(ledger.retried()).isEqualTo(1);
    assertThat(ledger.nextJob()).as("back in front of later jobs").hasValueSatisfying(j -> {
      assertThat(j.id()).isEqualTo(A0.id());
      assertThat(j.attempt()).isEqualTo(2);
    });
  }

  @Test
  void aCrashedJobGoesBackToTheQueueWithTheNextAttempt() {
    WorkLedger ledger = started(withJobs(RetryPolicy.attempts(3), A0), A0, "w1", 1_000);
    LedgerUpdate update = ledger.apply(new Failed("w1", failed(A0, FailureKind.CRASHED)));
    assertThat(update.requeued()).containsExactly(A0.nextAttempt());
    assertThat(update.deliveries()).isEmpty();
    assertThat(update.ledger().pending()).containsExactly(new QueuedJob("a", A0.nextAttempt()));
    assertThat(update.ledger().owes("a")).isZero();
  }

  @Test
  void aJobIsGivenUpOnceItsRetriesAreExhausted() {
    WorkLedger ledger = withJobs(RetryPolicy.attempts(2), A0);
    ledger = started(ledger, A0, "w1", 1_000).updated(new Failed("w1", failed(A0, FailureKind.OUT_OF_MEMORY)));
    EvaluationJob second = ledger.nextJob().orElseThrow();
    assertThat(second.attempt()).isEqualTo(2);

    LedgerUpdate update = started(ledger, second, "w2", 2_000)
        .apply(new Failed("w2", failed(second, FailureKind.OUT_OF_MEMORY)));
    assertThat(update.requeued()).isEmpty();
    assertThat(update.deliveries()).hasSize(1);
    Delivery delivery = update.deliveries().get(0);
    assertThat(delivery.submitter()).isEqualTo("a");
    EvaluationOutcome.Failed given = (EvaluationOutcome.Failed) delivery.outcome();
    assertThat(given.jobId()).isEqualTo(A0.id());
    assertThat(given.kind()).isEqualTo(FailureKind.OUT_OF_MEMORY);
    assertThat(given.reason()).contains("gave up after 2 attempt(s)");
    assertThat(update.ledger().givenUp()).isEqualTo(1);
    assertThat(update.ledger().owes("a")).isEqualTo(1);
    assertThat(update.ledger().isOpen(A0.id())).isFalse();
  }

  @Test
  void aNonRetryableFailureIsGivenUpAtOnce() {
    WorkLedger ledger = started(withJobs(RetryPolicy.attempts(5), A0), A0, "w1", 1_000);
    EvaluationOutcome.Failed diverged = failed(A0, FailureKind.DIVERGED);
    LedgerUpdate update = ledger.apply(new Failed("w1", diverged));
    assertThat(update.requeued()).isEmpty();
    assertThat(update.deliveries()).containsExactly(new Delivery("a", diverged));
    assertThat(update.ledger().retried()).isZero();
  }

  @Test
  void aLostWorkersJobsAreRequeuedAndTheLossCountsAsAnAttempt() {
    WorkLedger ledger = withJobs(RetryPolicy.attempts(2), A0, A1, A2);
    ledger = started(ledger, A0, "w1", 1_000);
    ledger = started(ledger, A1, "w2", 1_000);
    ledger = started(ledger, A2, "w1", 1_000);

    LedgerUpdate update = ledger.apply(new WorkerLost("w1"));
    assertThat(update.requeued()).containsExactly(A0.nextAttempt(), A2.nextAttempt());
    assertThat(update.ledger().inFlight()).extracting(InFlight::job).containsExactly(A1);
    assertThat(update.ledger().pending()).extracting(QueuedJob::job)
        .containsExactly(A0.nextAttempt(), A2.nextAttempt());

    LedgerUpdate secondLoss =
        started(update.ledger(), A0.nextAttempt(), "w3", 2_000).apply(new WorkerLost("w3"));
    assertThat(secondLoss.deliveries()).singleElement().satisfies(d ->
        assertThat(((EvaluationOutcome.Failed) d.outcome()).kind()).isEqualTo(FailureKind.WORKER_LOST));
    assertThat(ledger.apply(new WorkerLost("nobody")).ledger().inFlightCount()).isEqualTo(3);
  }

  @Test
  void failuresAndTimeOutsFromAWorkerNoLongerHoldingTheJobAreStale() {
    WorkLedger ledger = started(withJobs(RetryPolicy.attempts(3), A0), A0, "w1", 1_000)
        .updated(new TimedOut(A0.id(), "w1"));
    ledger = started(ledger, A0.nextAttempt(), "w2", 2_000);

    assertThat(ledger.apply(new Failed("w1", failed(A0, FailureKind.CRASHED))).ignored()).containsExactly(A0.id());
    assertThat(ledger.apply(new TimedOut(A0.id(), "w1")).ignored()).containsExactly(A0.id());
    assertThat(ledger.apply(new TimedOut(A0.id(), "w1")).ledger()).isSameAs(ledger);
  }

  @Test
  void aLateScoreFromAnEarlierAttemptIsTakenOnceAndTheRetrysResultIgnored() {
    WorkLedger timedOut = started(withJobs(RetryPolicy.attempts(3), A0), A0, "w1", 1_000)
        .updated(new TimedOut(A0.id(), "w1"));

    // Still queued: the late score completes it.
    LedgerUpdate whileQueued = timedOut.apply(new Completed("w1", scored(A0)));
    assertThat(whileQueued.deliveries()).containsExactly(new Delivery("a", scored(A0)));
    assertThat(whileQueued.ledger().pendingCount()).isZero();

    // Already re-dispatched: the late score completes it and the retry's answer is then stale.
    WorkLedger retrying = started(timedOut, A0.nextAttempt(), "w2", 2_000);
    LedgerUpdate late = retrying.apply(new Completed("w1", scored(A0)));
    assertThat(late.deliveries()).hasSize(1);
    assertThat(late.ledger().inFlightCount()).isZero();
    LedgerUpdate retryAnswer = late.ledger().apply(new Completed("w2", scored(A0)));
    assertThat(retryAnswer.deliveries()).isEmpty();
    assertThat(retryAnswer.ignored()).containsExactly(A0.id());
  }

  @Test
  void startingAJobThatIsNotPendingIsIgnored() {
    WorkLedger ledger = started(withJobs(RetryPolicy.attempts(3), A0), A0, "w1", 1_000);
    LedgerUpdate twice = ledger.apply(new Started(A0.id(), "w2", 5_000));
    assertThat(twice.ignored()).containsExactly(A0.id());
    assertThat(twice.ledger().inFlight()).containsExactly(new InFlight("a", A0, "w1", 1_000));
  }

  @Test
  void noDispatchWhileAnySubmitterOwesAReply() {
    WorkLedger ledger = WorkLedger.of(RetryPolicy.attempts(3), List.of("a", "b"));
    ledger = ledger.updated(new Submitted("b", List.of(B0, B1)));
    assertThat(ledger.owed()).isEqualTo(Map.of("a", 1));
    assertThat(ledger.nextJob()).as("a's first batch is missing").isEmpty();

    ledger = ledger.updated(new Submitted("a", List.of(A0)));
    assertThat(ledger.nextJob()).contains(A0);
    ledger = started(ledger, A0, "w1", 1_000);
    ledger = started(ledger, B0, "w2", 1_000);

    // Two results for different submitters: both must answer before anything moves.
    ledger = ledger.updated(new Completed("w1", scored(A0))).updated(new Completed("w2", scored(B0)));
    assertThat(ledger.owed()).isEqualTo(Map.of("a", 1, "b", 1));
    ledger = ledger.updated(new Submitted("b", List.of()));
    assertThat(ledger.nextJob()).isEmpty();
    ledger = ledger.updated(new Submitted("a", List.of(A1)));
    assertThat(ledger.nextJob()).contains(A1);
  }

  @Test
  void aSubmitterOwesOneReplyPerDeliveryAndAnUnsolicitedBatchSettlesNothingInAdvance() {
    WorkLedger ledger = withJobs(RetryPolicy.attempts(3), A0, A1);
    ledger = ledger.updated(new Submitted("a", List.of(A2)));
    assertThat(ledger.owes("a")).isZero();

    ledger = started(ledger, A0, "w1", 1_000);
    ledger = started(ledger, A1, "w2", 1_000);
    ledger = ledger.updated(new Completed("w1", scored(A0))).updated(new Completed("w2", scored(A1)));
    assertThat(ledger.owes("a")).isEqualTo(2);
    ledger = ledger.updated(new Submitted("a", List.of()));
    assertThat(ledger.nextJob()).isEmpty();
    ledger = ledger.updated(new Submitted("a", List.of()));
    assertThat(ledger.nextJob()).contains(A2);
  }

  @Test
  void registeringTwiceDoesNotDoubleTheDebt() {
    WorkLedger ledger = WorkLedger.of(RetryPolicy.attempts(3), List.of("a"));
    assertThat(ledger.apply(new Registered("a")).ledger()).isSameAs(ledger);
    assertThat(ledger.updated(new Submitted("a", List.of())).owed()).isEmpty();
  }

  @Test
  void dispatchTakesTheSmallestJobIdSequenceFirstThenTask() {
    WorkLedger ledger = WorkLedger.of(RetryPolicy.attempts(3), List.of("a", "b"))
        .updated(new Submitted("b", List.of(B1, B0)))
        .updated(new Submitted("a", List.of(A2, A0)));
    List<JobId> order = new ArrayList<>();
    while (ledger.nextJob().isPresent()) {
      EvaluationJob next = ledger.nextJob().get();
      order.add(next.id());
      ledger = started(ledger, next, "w1", 1_000);
    }
    assertThat(order).containsExactly(A0.id(), B0.id(), B1.id(), A2.id());
  }

  @Test
  void isDoneOnceEveryJobIsDeliveredAndAnswered() {
    WorkLedger ledger = withJobs(RetryPolicy.attempts(1), A0, A1);
    ledger = started(ledger, A0, "w1", 1_000).updated(new Completed("w1", scored(A0)))
        .updated(new Submitted("a", List.of()));
    ledger = started(ledger, A1, "w1", 2_000).updated(new TimedOut(A1.id(), "w1"));
    assertThat(ledger.givenUp()).isEqualTo(1);
    assertThat(ledger.isDone()).isFalse();
    ledger = ledger.updated(new Submitted("a", List.of()));
    assertThat(ledger.isDone()).isTrue();
    assertThat(ledger.completed() + ledger.givenUp()).isEqualTo(2);
  }
}
