package io.mtnas.domain.work;

import io.mtnas.domain.evaluation.EvaluationJob;
import io.mtnas.domain.evaluation.EvaluationOutcome;
import io.mtnas.domain.evaluation.EvaluationOutcome.FailureKind;
import io.mtnas.domain.evaluation.JobId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The work manager's pure state: jobs pending (in dispatch order), in flight (with worker and
 * deadline), and which submitters owe a reply. Immutable; it changes only through {@link
 * #apply(WorkEvent)}, so replaying the events rebuilds it. Modelled on {@code WorkState} of Pekko's
 * distributed-workers sample, but a failed or timed-out job goes back to the queue.
 *
 * <p>Rules:
 *
 * <ul>
 *   <li>Intake is idempotent by job id: a job whose id was ever accepted (pending, in flight or
 *       finished) is ignored when submitted again.
 *   <li>Every accepted job ends in exactly one {@link Delivery}: its score, or the failure it was
 *       given up on. A result for a job that is not open (finished, or never accepted) is ignored
 *       and reported in {@link LedgerUpdate#ignored()}, so the caller never forwards it twice. A
 *       score naming another architecture than its job is a routing bug and throws.
 *   <li>A score is accepted from any worker while the job is open, even from a worker that no
 *       longer holds it (it timed out and was re-queued, or re-dispatched): a score is as good as
 *       the one the retry would give, and taking it saves the retry. A failure or time-out counts
 *       only when it comes from the worker holding the job; an earlier attempt's failure is stale.
 *   <li>A retryable failure, a time-out or the loss of the worker re-queues the job with attempt+1
 *       until the {@link RetryPolicy} is exhausted; then, and at once for a non-retryable failure,
 *       the job is given up. Losing the worker counts as an attempt: a job that kills its worker
 *       (memory, a crashing trainer) looks exactly like that, and must not take down every worker
 *       in turn.
 *   <li>Dispatch: the next job is the pending one with the smallest id (sequence, then task), and
 *       there is none while any submitter owes a reply. A submitter owes one reply per delivery
 *       made to it, per {@link WorkEvent.Notified notice} and, once registered, its first batch;
 *       each {@link WorkEvent.Submitted} settles one. With one worker this makes the order of jobs, and so a seeded search, independent of
 *       message timing. A submitter that stops answering therefore stalls dispatch: the caller
 *       must watch it (an empty batch is the way to say "nothing more").
 *   <li>Worker ids are the ids workers report with their results; a failure or time-out is matched
 *       against the worker named in {@link WorkEvent.Started}.
 * </ul>
 */
public final class WorkLedger {
  private static final Comparator<JobId> DISPATCH_ORDER = Comparator.naturalOrder();

  private final RetryPolicy retryPolicy;
  /** Sorted by job id: the head is dispatched next. */
  private final List<QueuedJob> pending;
  /** In start order. */
  private final List<InFlight> inFlight;
  private final JobIdSet accepted;
  private final Set<String> submitters;
  /** Replies owed, by submitter; only positive counts are kept. */
  private final Map<String, Integer> owed;
  private final int completed;
  private final int givenUp;
  private final int retried;

  private WorkLedger(
      RetryPolicy retryPolicy,
      List<QueuedJob> pending,
      List<InFlight> inFlight,
      JobIdSet accepted,
      Set<String> submitters,
      Map<String, Integer> owed,
      int completed,
      int givenUp,
      int retried) {
    this.retryPolicy = retryPolicy;
    this.pending = pending;
    this.inFlight = inFlight;
    this.accepted = accepted;
    this.submitters = submitters;
    this.owed = owed;
    this.completed = completed;
    this.givenUp = givenUp;
    this.retried = retried;
  }

  /** A ledger with no submitters and no work. */
  public static WorkLedger empty(RetryPolicy retryPolicy) {
    Objects.requireNonNull(retryPolicy, "retryPolicy");
    return new WorkLedger(retryPolicy, List.of(), List.of(), JobIdSet.empty(), Set.of(), Map.of(), 0, 0, 0);
  }

  /** A ledger at the start of a search: every submitter registered, owing its first batch. */
  public static WorkLedger of(RetryPolicy retryPolicy, List<String> submitters) {
    WorkLedger ledger = empty(retryPolicy);
    for (String submitter : submitters) {
      ledger = ledger.updated(new WorkEvent.Registered(submitter));
    }
    return ledger;
  }

  // ---- transitions

  /** Applies an event and says what the caller must do about it. */
  public LedgerUpdate apply(WorkEvent event) {
    Objects.requireNonNull(event, "event");
    if (event instanceof WorkEvent.Registered e) {
      return register(e.submitter());
    }
    if (event instanceof WorkEvent.Submitted e) {
      return submit(e.submitter(), e.jobs());
    }
    if (event instanceof WorkEvent.Notified e) {
      return notify(e.submitter());
    }
    if (event instanceof WorkEvent.Started e) {
      return start(e.job(), e.worker(), e.deadlineMillis());
    }
    if (event instanceof WorkEvent.Completed e) {
      return complete(e.outcome());
    }
    if (event instanceof WorkEvent.Failed e) {
      return fail(e.worker(), e.failure());
    }
    if (event instanceof WorkEvent.TimedOut e) {
      return timeOut(e.job(), e.worker());
    }
    return loseWorker(((WorkEvent.WorkerLost) event).worker());
  }

  /** The state after an event, for replay. */
  public WorkLedger updated(WorkEvent event) {
    return apply(event).ledger();
  }

  private LedgerUpdate register(String submitter) {
    if (submitters.contains(submitter)) {
      return LedgerUpdate.silent(this);
    }
    return LedgerUpdate.silent(
        copy(
            pending, inFlight, accepted, withSubmitter(submitter), owing(submitter, +1),
            completed, givenUp, retried));
  }

  private LedgerUpdate submit(String submitter, List<EvaluationJob> jobs) {
    List<QueuedJob> nextPending = new ArrayList<>(pending);
    JobIdSet nextAccepted = accepted;
    List<JobId> ignored = new ArrayList<>();
    for (EvaluationJob job : jobs) {
      if (nextAccepted.contains(job.id())) {
        ignored.add(job.id());
        continue;
      }
      nextAccepted = nextAccepted.with(job.id());
      insertSorted(nextPending, new QueuedJob(submitter, job));
    }
    WorkLedger next =
        copy(
            List.copyOf(nextPending), inFlight, nextAccepted, withSubmitter(submitter),
            owing(submitter, -1), completed, givenUp, retried);
    return new LedgerUpdate(next, List.of(), List.of(), ignored);
  }

  private LedgerUpdate notify(String submitter) {
    if (!submitters.contains(submitter)) {
      throw new IllegalArgumentException("notified unknown submitter " + submitter);
    }
    return LedgerUpdate.silent(
        copy(pending, inFlight, accepted, submitters, owing(submitter, +1), completed, givenUp, retried));
  }

  private LedgerUpdate start(JobId id, String worker, long deadlineMillis) {
    Optional<QueuedJob> queued = queued(id);
    if (queued.isEmpty()) {
      return LedgerUpdate.ignoring(this, id);
    }
    QueuedJob q = queued.get();
    List<InFlight> nextInFlight = new ArrayList<>(inFlight);
    nextInFlight.add(new InFlight(q.submitter(), q.job(), worker, deadlineMillis));
    return LedgerUpdate.silent(
        copy(
            withoutPending(id), List.copyOf(nextInFlight), accepted, submitters, owed,
            completed, givenUp, retried));
  }

  private LedgerUpdate complete(EvaluationOutcome.Scored score) {
    JobId id = score.jobId();
    Optional<QueuedJob> queued = queued(id);
    Optional<InFlight> running = running(id);
    if (queued.isEmpty() && running.isEmpty()) {
      return LedgerUpdate.ignoring(this, id);
    }
    String submitter = running.map(InFlight::submitter).orElseGet(() -> queued.get().submitter());
    EvaluationJob job = running.map(InFlight::job).orElseGet(() -> queued.get().job());
    if (!job.architecture().equals(score.architecture())) {
      throw new IllegalArgumentException(
          "score of " + id + " is for " + score.architecture() + " but that job holds " + job.architecture());
    }
    WorkLedger next =
        copy(withoutPending(id), withoutInFlight(id), accepted, submitters, owing(submitter, +1),
            completed + 1, givenUp, retried);
    return new LedgerUpdate(next, List.of(new Delivery(submitter, score)), List.of(), List.of());
  }

  private LedgerUpdate fail(String worker, EvaluationOutcome.Failed failure) {
    Optional<InFlight> running = running(failure.jobId()).filter(f -> f.worker().equals(worker));
    if (running.isEmpty()) {
      return LedgerUpdate.ignoring(this, failure.jobId());
    }
    return retryOrGiveUp(List.of(running.get()), List.of(failure));
  }

  private LedgerUpdate timeOut(JobId id, String worker) {
    Optional<InFlight> running = running(id).filter(f -> f.worker().equals(worker));
    if (running.isEmpty()) {
      return LedgerUpdate.ignoring(this, id);
    }
    InFlight f = running.get();
    String reason = "no result from worker " + worker + " by " + f.deadlineMillis();
    return retryOrGiveUp(List.of(f), List.of(failure(f, FailureKind.TIMED_OUT, reason)));
  }

  private LedgerUpdate loseWorker(String worker) {
    List<InFlight> held = jobsOf(worker);
    List<EvaluationOutcome.Failed> failures =
        held.stream().map(f -> failure(f, FailureKind.WORKER_LOST, "worker " + worker + " lost")).toList();
    return retryOrGiveUp(held, failures);
  }

  private static EvaluationOutcome.Failed failure(InFlight f, FailureKind kind, String reason) {
    return new EvaluationOutcome.Failed(f.job().id(), f.job().architecture(), kind, reason);
  }

  /** Ends the given in-flight jobs with the matching failures: each re-queued or given up. */
  private LedgerUpdate retryOrGiveUp(List<InFlight> ended, List<EvaluationOutcome.Failed> failures) {
    List<QueuedJob> nextPending = new ArrayList<>(pending);
    List<InFlight> nextInFlight = new ArrayList<>(inFlight);
    Map<String, Integer> nextOwed = owed;
    List<Delivery> deliveries = new ArrayList<>();
    List<EvaluationJob> requeued = new ArrayList<>();
    for (int i = 0; i < ended.size(); i++) {
      InFlight f = ended.get(i);
      EvaluationOutcome.Failed failure = failures.get(i);
      nextInFlight.remove(f);
      EvaluationJob job = f.job();
      if (failure.retryable() && retryPolicy.allowsRetryAfter(job.attempt())) {
        insertSorted(nextPending, new QueuedJob(f.submitter(), job.nextAttempt()));
        requeued.add(job.nextAttempt());
      } else {
        deliveries.add(new Delivery(f.submitter(), givenUp(failure, job)));
        nextOwed = owing(nextOwed, f.submitter(), +1);
      }
    }
    WorkLedger next =
        copy(
            List.copyOf(nextPending), List.copyOf(nextInFlight), accepted, submitters, nextOwed,
            completed, givenUp + deliveries.size(), retried + requeued.size());
    return new LedgerUpdate(next, deliveries, requeued, List.of());
  }

  private static EvaluationOutcome.Failed givenUp(EvaluationOutcome.Failed failure, EvaluationJob job) {
    if (!failure.retryable()) {
      return failure;
    }
    return new EvaluationOutcome.Failed(
        failure.jobId(), failure.architecture(), failure.kind(),
        "gave up after " + job.attempt() + " attempt(s): " + failure.reason());
  }

  // ---- queries

  /**
   * The job to dispatch next: the pending one with the smallest id; empty while nothing is pending
   * or any submitter owes a reply.
   */
  public Optional<EvaluationJob> nextJob() {
    if (pending.isEmpty() || awaitingReplies()) {
      return Optional.empty();
    }
    return Optional.of(pending.get(0).job());
  }

  public int submitterCount() {
    return submitters.size();
  }

  /** True while some submitter owes a reply; dispatch waits for it. */
  public boolean awaitingReplies() {
    return !owed.isEmpty();
  }

  /** Replies owed by submitter, in name order; submitters owing nothing are absent. */
  public Map<String, Integer> owed() {
    return owed;
  }

  public int owes(String submitter) {
    return owed.getOrDefault(submitter, 0);
  }

  public Set<String> submitters() {
    return submitters;
  }

  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  public int pendingCount() {
    return pending.size();
  }

  /** Pending jobs in dispatch order. */
  public List<QueuedJob> pending() {
    return pending;
  }

  public int inFlightCount() {
    return inFlight.size();
  }

  /** Jobs being evaluated, in the order they started. */
  public List<InFlight> inFlight() {
    return inFlight;
  }

  /** In-flight jobs whose deadline is at or before {@code nowMillis}, by job id. */
  public List<InFlight> expired(long nowMillis) {
    return inFlight.stream()
        .filter(f -> f.expiredAt(nowMillis))
        .sorted(Comparator.comparing(f -> f.job().id(), DISPATCH_ORDER))
        .toList();
  }

  /** The earliest deadline of the jobs in flight, for the caller's timer. */
  public OptionalLong nextDeadline() {
    return inFlight.stream().mapToLong(InFlight::deadlineMillis).min();
  }

  /** The jobs a worker holds, in the order they started. */
  public List<InFlight> jobsOf(String worker) {
    return inFlight.stream().filter(f -> f.worker().equals(worker)).toList();
  }

  /** Whether the job is pending or in flight. */
  public boolean isOpen(JobId id) {
    return queued(id).isPresent() || running(id).isPresent();
  }

  /** Whether the job was ever accepted (open or finished). */
  public boolean wasAccepted(JobId id) {
    return accepted.contains(id);
  }

  /** Nothing pending, nothing in flight, and no submitter owes a reply. */
  public boolean isDone() {
    return pending.isEmpty() && inFlight.isEmpty() && owed.isEmpty();
  }

  /** Jobs delivered with a score. */
  public int completed() {
    return completed;
  }

  /** Jobs delivered as failures. */
  public int givenUp() {
    return givenUp;
  }

  /** Times a job went back to the queue for another attempt. */
  public int retried() {
    return retried;
  }

  int sparseAcceptedCount() {
    return accepted.sparseCount();
  }

  // ---- helpers

  private Optional<QueuedJob> queued(JobId id) {
    int at = search(pending, id);
    return at >= 0 ? Optional.of(pending.get(at)) : Optional.empty();
  }

  /** Binary search of a queue sorted in dispatch order, as {@link Collections#binarySearch}. */
  private static int search(List<QueuedJob> queue, JobId id) {
    int low = 0;
    int high = queue.size() - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int c = DISPATCH_ORDER.compare(queue.get(mid).job().id(), id);
      if (c < 0) {
        low = mid + 1;
      } else if (c > 0) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -(low + 1);
  }

  private Optional<InFlight> running(JobId id) {
    return inFlight.stream().filter(f -> f.job().id().equals(id)).findFirst();
  }

  private List<QueuedJob> withoutPending(JobId id) {
    return pending.stream().filter(q -> !q.job().id().equals(id)).toList();
  }

  private List<InFlight> withoutInFlight(JobId id) {
    return inFlight.stream().filter(f -> !f.job().id().equals(id)).toList();
  }

  /** Inserts a job whose id is not in the queue at its dispatch position. */
  private static void insertSorted(List<QueuedJob> queue, QueuedJob job) {
    queue.add(-(search(queue, job.job().id()) + 1), job);
  }

  private Set<String> withSubmitter(String submitter) {
    if (submitters.contains(submitter)) {
      return submitters;
    }
    TreeSet<String> next = new TreeSet<>(submitters);
    next.add(submitter);
    return Collections.unmodifiableSet(next);
  }

  private Map<String, Integer> owing(String submitter, int delta) {
    return owing(owed, submitter, delta);
  }

  /** Debts after adding {@code delta}; never below zero (an unsolicited batch settles nothing). */
  private static Map<String, Integer> owing(Map<String, Integer> owed, String submitter, int delta) {
    int now = Math.max(0, owed.getOrDefault(submitter, 0) + delta);
    if (now == owed.getOrDefault(submitter, 0)) {
      return owed;
    }
    TreeMap<String, Integer> next = new TreeMap<>(owed);
    if (now == 0) {
      next.remove(submitter);
    } else {
      next.put(submitter, now);
    }
    return Collections.unmodifiableMap(next);
  }

  private WorkLedger copy(
      List<QueuedJob> pending,
      List<InFlight> inFlight,
      JobIdSet accepted,
      Set<String> submitters,
      Map<String, Integer> owed,
      int completed,
      int givenUp,
      int retried) {
    return new WorkLedger(
        retryPolicy, pending, inFlight, accepted, submitters, owed, completed, givenUp, retried);
  }

  @Override
  public String toString() {
    return "WorkLedger[pending=" + pending.size() + ", inFlight=" + inFlight.size() + ", owed=" + owed
        + ", completed=" + completed + ", givenUp=" + givenUp + ", retried=" + retried + "]";
  }
}
