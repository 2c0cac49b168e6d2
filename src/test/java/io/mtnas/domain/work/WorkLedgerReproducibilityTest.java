package io.mtnas.domain.work;

import static io.mtnas.domain.work.Jobs.failed;
import static io.mtnas.domain.work.Jobs.job;
import static io.mtnas.domain.work.Jobs.scored;
import static org.assertj.core.api.Assertions.assertThat;

import io.mtnas.domain.evaluation.EvaluationJob;
import io.mtnas.domain.evaluation.EvaluationOutcome.FailureKind;
import io.mtnas.domain.evaluation.JobId;
import io.mtnas.domain.work.WorkEvent.Completed;
import io.mtnas.domain.work.WorkEvent.Failed;
import io.mtnas.domain.work.WorkEvent.Registered;
import io.mtnas.domain.work.WorkEvent.Started;
import io.mtnas.domain.work.WorkEvent.Submitted;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Three submitters and one worker, with messages interleaved in a different random order per seed:
 * the owing gate must make the order of evaluations the same every time.
 */
class WorkLedgerReproducibilityTest {
  private static final List<String> TASKS = List.of("a", "b", "c");
  private static final int JOBS_PER_TASK = 12;

  /** What a run saw: the jobs in the order they started, every event applied, the ledger after each. */
  private record Run(List<String> started, List<WorkEvent> events, List<WorkLedger> ledgers) {
    WorkLedger ledger() {
      return ledgers.get(ledgers.size() - 1);
    }
  }

  /**
   * Each submitter first sends jobs 0 and 1, then answers each delivery with its next job (an empty
   * batch once it has sent {@link #JOBS_PER_TASK}). Jobs whose sequence is 3 mod 4 crash on their
   * first attempt. The random generator decides, step by step, whether the worker acts or a queued
   * submitter reply arrives first.
   */
  private static Run simulate(long interleavingSeed, boolean gated) {
    SplittableRandom rng = new SplittableRandom(interleavingSeed);
    List<WorkEvent> events = new ArrayList<>();
    List<WorkLedger> ledgers = new ArrayList<>();
    WorkLedger ledger = WorkLedger.empty(RetryPolicy.attempts(3));
    List<WorkEvent> mailbox = new ArrayList<>();
    Map<String, Integer> sent = new HashMap<>();
    for (String task : TASKS) {
      events.add(new Registered(task));
      ledger = ledger.updated(new Registered(task));
      ledgers.add(ledger);
      mailbox.add(new Submitted(task, List.of(job(task, 0), job(task, 1))));
      sent.put(task, 2);
    }
    List<String> started = new ArrayList<>();
    EvaluationJob running = null;
    while (!ledger.isDone() || !mailbox.isEmpty()) {
      Optional<EvaluationJob> next =
          gated ? ledger.nextJob() : ledger.pending().stream().map(QueuedJob::job).findFirst();
      boolean workerCanAct = running != null || next.isPresent();
      if (!mailbox.isEmpty() && (!workerCanAct || rng.nextBoolean())) {
        WorkEvent reply = mailbox.remove(rng.nextInt(mailbox.size()));
        events.add(reply);
        ledger = ledger.updated(reply);
        ledgers.add(ledger);
        continue;
      }
      WorkEvent event;
      if (running == null) {
        running = next.orElseThrow();
        started.add(running.id() + "/" + running.attempt());
        event = new Started(running.id(), "w1", 0);
      } else {
        boolean crashes = running.id().sequence() % 4 == 3 && running.attempt() == 1;
        event = crashes
            ? new Failed("w1", failed(running, FailureKind.CRASHED))
            : new Completed("w1", scored(running));
        running = null;
      }
      events.add(event);
      LedgerUpdate update = ledger.apply(event);
      ledger = update.ledger();
      ledgers.add(ledger);
      for (Delivery d : update.deliveries()) {
        int count = sent.get(d.submitter());
        List<EvaluationJob> batch =
            count < JOBS_PER_TASK ? List.of(job(d.submitter(), count)) : List.of();
        sent.put(d.submitter(), count + batch.size());
        mailbox.add(new Submitted(d.submitter(), batch));
      }
    }
    return new Run(started, events, ledgers);
  }

  @Test
  void theGateMakesTheOrderOfEvaluationsIndependentOfMessageTiming() {
    Run reference = simulate(0, true);
    assertThat(reference.started()).hasSize(TASKS.size() * (JOBS_PER_TASK + JOBS_PER_TASK / 4));
    assertThat(reference.ledger().completed()).isEqualTo(TASKS.size() * JOBS_PER_TASK);
    for (long seed = 1; seed < 40; seed++) {
      assertThat(simulate(seed, true).started()).as("interleaving %d", seed).isEqualTo(reference.started());
    }
  }

  @Test
  void withoutTheGateTheOrderDependsOnTiming() {
    // Control for the test above: the same simulation, dispatching whenever work is pending.
    Set<List<String>> orders = new HashSet<>();
    for (long seed = 0; seed < 40; seed++) {
      orders.add(simulate(seed, false).started());
    }
    assertThat(orders).hasSizeGreaterThan(1);
  }

  @Test
  void replayingTheEventsRebuildsTheLedger() {
    Run run = simulate(7, true);
    WorkLedger replayed = WorkLedger.empty(RetryPolicy.attempts(3));
    for (int i = 0; i < run.events().size(); i++) {
      replayed = replayed.updated(run.events().get(i));
      assertSameState(replayed, run.ledgers().get(i));
    }
    assertThat(replayed.retried()).isEqualTo(TASKS.size() * (JOBS_PER_TASK / 4));
    assertThat(replayed.submitters()).containsExactlyElementsOf(TASKS);
    assertThat(replayed.isDone()).isTrue();
    assertThat(replayed.sparseAcceptedCount()).isZero();
  }

  private static void assertSameState(WorkLedger actual, WorkLedger expected) {
    assertThat(actual.pending()).isEqualTo(expected.pending());
    assertThat(actual.inFlight()).isEqualTo(expected.inFlight());
    assertThat(actual.owed()).isEqualTo(expected.owed());
    assertThat(actual.submitters()).isEqualTo(expected.submitters());
    assertThat(actual.toString()).isEqualTo(expected.toString());
    for (String task : TASKS) {
      for (long s = 0; s <= JOBS_PER_TASK; s++) {
        JobId id = new JobId(task, s);
        assertThat(actual.wasAccepted(id)).isEqualTo(expected.wasAccepted(id));
      }
    }
  }
}
