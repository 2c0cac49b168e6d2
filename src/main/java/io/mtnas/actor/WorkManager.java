package io.mtnas.actor;

import io.mtnas.domain.work.WorkSettings;
import io.mtnas.domain.evaluation.EvaluationJob;
import io.mtnas.domain.evaluation.EvaluationOutcome;
import io.mtnas.domain.work.Delivery;
import io.mtnas.domain.work.InFlight;
import io.mtnas.domain.work.JoinPlacement;
import io.mtnas.domain.work.LedgerUpdate;
import io.mtnas.domain.work.Replay;
import io.mtnas.domain.work.RetryPolicy;
import io.mtnas.domain.work.StoredBudget;
import io.mtnas.domain.work.StoredDelivery;
import io.mtnas.domain.work.StoredInput;
import io.mtnas.domain.work.StoredJoin;
import io.mtnas.domain.work.WorkEvent;
import io.mtnas.domain.work.WorkLedger;
import io.mtnas.protocol.Evaluate;
import io.mtnas.protocol.Evaluated;
import io.mtnas.protocol.ManagerCommand;
import io.mtnas.protocol.RequestWork;
import io.mtnas.protocol.WorkReady;
import io.mtnas.protocol.WorkerCommand;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * One search's work queue. Populations submit jobs in batches; workers found through the
 * Receptionist pull them one at a time. All bookkeeping (what is pending, who holds what until
 * when, retries, exactly-once delivery, the reproducibility gate) is the pure {@link WorkLedger};
 * this actor only turns messages into ledger events and the ledger's answers into messages.
 *
 * <p>Workers are keyed by their actor path, which is known both from the Receptionist listing and
 * from their messages; the id they report is only for display.
 */
public final class WorkManager extends AbstractBehavior<ManagerCommand> {

  /**
   * A population's batch of jobs, also its reply to the last delivery or budget notice (possibly
   * empty); {@code budgets} is where its budget notices go.
   */
  public record Submit(String submitter, List<EvaluationJob> jobs, ActorRef<Delivered> replyTo,
      ActorRef<BudgetNotice> budgets) implements ManagerCommand, NoSerializationVerificationNeeded {}

  /**
   * New budgets for some tasks. Each becomes a notice placed after the deliveries made so far
   * (stored first, when the search is durable), which its population answers with a batch; a
   * restarted search replays stored notices at their place, and takes new ones once it has.
   */
  public record SetBudgets(Map<String, Integer> budgets)
      implements ManagerCommand, NoSerializationVerificationNeeded {}

  /**
   * Task {@code task} joins the search: once {@code after} evaluations have been delivered (at once
   * when empty), right after a delivery or while nothing is in flight, it is placed among the
   * deliveries (stored first, when the search is durable) and {@link TaskJoined} goes out; dispatch
   * then waits for its population's first batch. A task that joined already (or joins in the replay)
   * is not joined again.
   */
  public record JoinTask(String task, OptionalLong after)
      implements ManagerCommand, NoSerializationVerificationNeeded {}

  /** For the coordinator: {@code task} joined after {@code afterDelivery} deliveries. */
  public record TaskJoined(String task, long afterDelivery) implements NoSerializationVerificationNeeded {}

  /** For a population: its task's budget is now {@code budget}. */
  public record BudgetNotice(int budget) implements NoSerializationVerificationNeeded {}

  /**
   * A final outcome for the submitting population: a score, or a failure given up on.
   *
   * @param sequence the search-wide delivery number, 1, 2, 3...: what "as of" means for the shared
   *     predictor and the transfer arbiter, so their answers do not depend on message timing
   */
  public record Delivered(EvaluationOutcome outcome, String workerId, long wallMicros, long sequence)
      implements NoSerializationVerificationNeeded {
    static Delivered of(StoredDelivery d) {
      return new Delivered(d.outcome(), d.workerId(), d.wallMicros(), d.sequence());
    }
  }

  /** Stops the manager (the search is over). */
  public enum Stop implements ManagerCommand, NoSerializationVerificationNeeded {
    INSTANCE
  }

  private record WorkersListed(Receptionist.Listing listing)
      implements ManagerCommand, NoSerializationVerificationNeeded {}

  private record WorkerTerminated(ActorRef<WorkerCommand> worker)
      implements ManagerCommand, NoSerializationVerificationNeeded {}

  private enum CheckDeadlines implements ManagerCommand, NoSerializationVerificationNeeded {
    INSTANCE
  }

  private final String searchId;
  private long delivered;
  private final ServiceKey<WorkerCommand> workerKey;
  private final WorkSettings settings;
  private final LongSupplier clockMillis;
  private final ProgressEvents events;
  private final SearchDurability durability;
  /** Evaluations this search may have in flight at once, whatever the workers available. */
  private final int maxInFlight;
  /** Stored deliveries not yet handed back after a restart; nothing is dispatched until it is done. */
  private Replay replay;

  private WorkLedger ledger;
  private final Map<String, ActorRef<Delivered>> submitters = new HashMap<>();
  private final Map<String, ActorRef<BudgetNotice>> budgetListeners = new HashMap<>();
  /** Budget changes not announced yet: the replay is not done or a population has not registered. */
  private final List<Map.Entry<String, Integer>> heldBudgets = new ArrayList<>();
  /** Joins not placed yet, in arrival order. */
  private final List<JoinTask> heldJoins = new ArrayList<>();
  private final ActorRef<TaskJoined> joins;
  /** Replayed notices for a population that has not submitted its first batch yet. */
  private final Map<String, List<BudgetNotice>> unsentNotices = new HashMap<>();
  private final Map<String, ActorRef<WorkerCommand>> workers = new HashMap<>();
  private final Map<String, String> workerIds = new HashMap<>();
  /** Workers that asked for work and got none yet, in arrival order. */
  private final Set<String> waiting = new LinkedHashSet<>();
  /** Workers told there is work, or about to ask anyway (they just reported a result). */
  private final Set<String> signalled = new HashSet<>();

  private WorkManager(
      ActorContext<ManagerCommand> context,
      String searchId,
      List<String> submitterNames,
      ServiceKey<WorkerCommand> workerKey,
      WorkSettings settings,
      LongSupplier clockMillis,
      ProgressEvents events,
      SearchDurability durability,
      int maxInFlight,
      ActorRef<TaskJoined> joins) {
    super(context);
    this.joins = joins;
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be >= 1, got " + maxInFlight);
    }
    this.maxInFlight = maxInFlight;
    this.durability = durability;
    this.replay = durability.replay();
    this.searchId = searchId;
    this.workerKey = workerKey;
    this.settings = settings;
    this.clockMillis = clockMillis;
    this.events = events;
    this.ledger = WorkLedger.of(new RetryPolicy(settings.maxAttempts()), submitterNames);
  }

  /**
   * @param submitters the populations (task names) whose first batch dispatch waits for
   * @param workerKey the Receptionist key of the worker pool serving this search
   * @param clockMillis wall clock for job deadlines (a parameter so tests control it)
   * @param durability where deliveries are stored before the populations see them, and what a
   *     restarted search replays first
   * @param maxInFlight evaluations in flight at once at most (its share of a shared worker pool;
   *     with 1 the search behaves as with one worker)
   * @param joins told each task that joins, when it joins (also when a restarted search replays it)
   */
  public static Behavior<ManagerCommand> create(
      String searchId,
      List<String> submitters,
      ServiceKey<WorkerCommand> workerKey,
      WorkSettings settings,
      LongSupplier clockMillis,
      ProgressEvents events,
      SearchDurability durability,
      int maxInFlight,
      ActorRef<TaskJoined> joins) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> {
                  timers.startTimerWithFixedDelay(
                      CheckDeadlines.INSTANCE, settings.deadlineCheckInterval());
                  ActorRef<Receptionist.Listing> listingAdapter =
                      context.messageAdapter(Receptionist.Listing.class, WorkersListed::new);
                  context
                      .getSystem()
                      .receptionist()
                      .tell(Receptionist.subscribe(workerKey, listingAdapter));
                  return new WorkManager(
                      context, searchId, submitters, workerKey, settings, clockMillis, events, durability,
                      maxInFlight, joins);
                }));
  }

  @Override
  public Receive<ManagerCommand> createReceive() {
    return newReceiveBuilder()
        .onMessage(Submit.class, this::onSubmit)
        .onMessage(SetBudgets.class, this::onSetBudgets)
        .onMessage(JoinTask.class, this::onJoinTask)
        .onMessage(RequestWork.class, this::onRequestWork)
        .onMessage(Evaluated.class, this::onEvaluated)
        .onMessage(WorkersListed.class, this::onWorkersListed)
        .onMessage(WorkerTerminated.class, m -> onWorkerGone(m.worker()))
        .onMessage(CheckDeadlines.class, m -> onCheckDeadlines())
        .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
        .build();
  }

  private Behavior<ManagerCommand> onSubmit(Submit m) {
    submitters.put(m.submitter(), m.replyTo());
    if (budgetListeners.put(m.submitter(), m.budgets()) == null) {
      unsentNotices.getOrDefault(m.submitter(), List.of()).forEach(m.budgets()::tell);
      unsentNotices.remove(m.submitter());
    }
    handle(ledger.apply(new WorkEvent.Submitted(m.submitter(), m.jobs())));
    if (!replay.done()) {
      replayDue();
    }
    announceHeldBudgets();
    dispatch();
    return this;
  }

  private Behavior<ManagerCommand> onSetBudgets(SetBudgets m) {
    heldBudgets.addAll(m.budgets().entrySet()); // the coordinator names only its tasks
    announceHeldBudgets();
    return this;
  }

  /**
   * Announces the held budget changes once nothing stored is left to replay and every population is
   * known; a change for a task that has not joined yet waits for it.
   */
  private void announceHeldBudgets() {
    if (heldBudgets.isEmpty() || !replay.done() || budgetListeners.size() < ledger.submitterCount()) {
      return;
    }
    List<Map.Entry<String, Integer>> waitingForJoin = new ArrayList<>();
    for (Map.Entry<String, Integer> change : heldBudgets) {
      ActorRef<BudgetNotice> listener = budgetListeners.get(change.getKey());
      if (listener == null) {
        waitingForJoin.add(change);
        continue;
      }
      ledger = ledger.updated(new WorkEvent.Notified(change.getKey()));
      durability.sendBudget(new StoredBudget(delivered, change.getKey(), change.getValue()), listener);
    }
    heldBudgets.clear();
    heldBudgets.addAll(waitingForJoin);
  }

  private Behavior<ManagerCommand> onJoinTask(JoinTask m) {
    if (replay.joins(m.task()) || ledger.submitters().contains(m.task())
        || heldJoins.stream().anyMatch(j -> j.task().equals(m.task()))) {
      return this; // a restarted search hears of its joins again
    }
    heldJoins.add(m);
    dispatch(); // which places it, if it is due
    return this;
  }

  /** Places the held joins that are due ({@link JoinPlacement}), once nothing stored is left to replay. */
  private void joinDue(boolean justDelivered) {
    if (heldJoins.isEmpty() || !replay.done()) {
      return;
    }
    WorkLedger before = ledger; // joins placed together are judged on the same state
    for (JoinTask j : List.copyOf(heldJoins)) {
      if (JoinPlacement.due(j.after(), delivered, justDelivered, before)) {
        heldJoins.remove(j);
        ledger = ledger.updated(new WorkEvent.Registered(j.task()));
        durability.sendJoin(new StoredJoin(delivered, j.task()), joins);
      }
    }
  }

  private Behavior<ManagerCommand> onRequestWork(RequestWork m) {
    String key = know(m.worker(), m.workerId());
    signalled.remove(key);
    waiting.add(key);
    dispatch();
    return this;
  }

  private Behavior<ManagerCommand> onEvaluated(Evaluated m) {
    String key = know(m.worker(), m.workerId());
    signalled.add(key); // a worker asks for more right after reporting
    WorkEvent event =
        m.outcome() instanceof EvaluationOutcome.Scored s
            ? new WorkEvent.Completed(key, s)
            : new WorkEvent.Failed(key, (EvaluationOutcome.Failed) m.outcome());
    LedgerUpdate update = ledger.apply(event);
    if (!update.ignored().isEmpty()) {
      getContext().getLog().debug("ignored result for {} from {}", update.ignored(), key);
    }
    if (m.outcome() instanceof EvaluationOutcome.Failed f && update.ignored().isEmpty()) {
      reportFailure(f, update);
    }
    handle(update, m.workerId(), m.wallMicros());
    dispatch();
    return this;
  }

  private Behavior<ManagerCommand> onWorkersListed(WorkersListed m) {
    Set<ActorRef<WorkerCommand>> listed = m.listing().getServiceInstances(workerKey);
    for (ActorRef<WorkerCommand> worker : listed) {
      if (!workers.containsKey(key(worker))) {
        know(worker, worker.path().name());
        signal(worker);
      }
    }
    for (ActorRef<WorkerCommand> known : List.copyOf(workers.values())) {
      if (!listed.contains(known)) {
        onWorkerGone(known);
      }
    }
    return this;
  }

  private Behavior<ManagerCommand> onWorkerGone(ActorRef<WorkerCommand> worker) {
    String key = key(worker);
    if (workers.remove(key) == null) {
      return this; // listing change and termination both report it
    }
    waiting.remove(key);
    signalled.remove(key);
    List<InFlight> held = ledger.jobsOf(key);
    LedgerUpdate update = ledger.apply(new WorkEvent.WorkerLost(key));
    events.workerLeft(workerIds.getOrDefault(key, key), update.requeued().size());
    workerIds.remove(key);
    for (InFlight lost : held) {
      boolean retried = update.requeued().stream().anyMatch(j -> j.id().equals(lost.job().id()));
      events.evaluationFailed(
          lost.submitter(),
          new EvaluationOutcome.Failed(
              lost.job().id(),
              lost.job().architecture(),
              EvaluationOutcome.FailureKind.WORKER_LOST,
              "worker " + key + " left"),
          lost.job().attempt(),
          retried);
    }
    handle(update);
    dispatch();
    return this;
  }

  private Behavior<ManagerCommand> onCheckDeadlines() {
    long now = clockMillis.getAsLong();
    for (InFlight late : ledger.expired(now)) {
      LedgerUpdate update = ledger.apply(new WorkEvent.TimedOut(late.job().id(), late.worker()));
      events.evaluationFailed(
          late.submitter(),
          new EvaluationOutcome.Failed(
              late.job().id(),
              late.job().architecture(),
              EvaluationOutcome.FailureKind.TIMED_OUT,
              "no result from " + late.worker() + " within " + settings.jobTimeout()),
          late.job().attempt(),
          !update.requeued().isEmpty());
      handle(update);
    }
    dispatch();
    return this;
  }

  private void reportFailure(EvaluationOutcome.Failed f, LedgerUpdate update) {
    int attempt =
        update.requeued().stream()
            .filter(j -> j.id().equals(f.jobId()))
            .findFirst()
            .map(j -> j.attempt() - 1)
            .orElse(settings.maxAttempts());
    events.evaluationFailed(f.jobId().task(), f, attempt, !update.requeued().isEmpty());
  }

  private void handle(LedgerUpdate update) {
    handle(update, "", 0);
  }

  private void handle(LedgerUpdate update, String workerId, long wallMicros) {
    ledger = update.ledger();
    for (Delivery d : update.deliveries()) {
      ActorRef<Delivered> replyTo = submitters.get(d.submitter());
      if (replyTo == null) {
        throw new IllegalStateException("delivery for unknown submitter " + d.submitter());
      }
      durability.send(new StoredDelivery(++delivered, d.submitter(), d.outcome(), workerId, wallMicros), replyTo);
      joinDue(true);
    }
  }

  /** Hands back the stored outcomes whose jobs the restarted populations have resubmitted. */
  private void replayDue() {
    Replay.Advance advance = replay.advance(ledger);
    ledger = advance.ledger();
    replay = advance.rest();
    for (StoredInput input : advance.handed()) { // stored already
      if (input instanceof StoredJoin j) {
        joins.tell(new TaskJoined(j.task(), j.afterDelivery())); // the replay registered it
        continue;
      }
      if (input instanceof StoredBudget b) {
        BudgetNotice notice = new BudgetNotice(b.budget());
        ActorRef<BudgetNotice> listener = budgetListeners.get(b.task());
        if (listener != null) {
          listener.tell(notice);
        } else {
          unsentNotices.computeIfAbsent(b.task(), t -> new ArrayList<>()).add(notice);
        }
        continue;
      }
      StoredDelivery d = (StoredDelivery) input;
      if (d.sequence() != ++delivered) {
        throw new IllegalStateException("search " + searchId + ": replayed delivery " + d.sequence()
            + " arrived as number " + delivered);
      }
      submitters.get(d.submitter()).tell(Delivered.of(d));
    }
    if (replay.done()) {
      getContext().getLog().info("search {}: replayed {} stored outcomes, resuming", searchId, replay.size());
      events.searchRecovered(replay.size());
    }
  }

  /** Hands pending jobs to waiting workers; wakes idle workers when work is left over. */
  private void dispatch() {
    if (!replay.done()) {
      return; // a live result must not slip in between stored ones
    }
    joinDue(false);
    while (!waiting.isEmpty() && ledger.inFlightCount() < maxInFlight) {
      Optional<EvaluationJob> next = ledger.nextJob();
      if (next.isEmpty()) {
        return;
      }
      String key = waiting.iterator().next();
      waiting.remove(key);
      ActorRef<WorkerCommand> worker = workers.get(key);
      if (worker == null || !ledger.jobsOf(key).isEmpty()) {
        continue;
      }
      EvaluationJob job = next.get();
      long deadline = clockMillis.getAsLong() + settings.jobTimeout().toMillis();
      handle(ledger.apply(new WorkEvent.Started(job.id(), key, deadline)));
      worker.tell(new Evaluate(searchId, job, getContext().getSelf()));
    }
    if (ledger.nextJob().isPresent() && ledger.inFlightCount() < maxInFlight) {
      for (Map.Entry<String, ActorRef<WorkerCommand>> w : workers.entrySet()) {
        if (!waiting.contains(w.getKey())
            && !signalled.contains(w.getKey())
            && ledger.jobsOf(w.getKey()).isEmpty()) {
          signal(w.getValue());
        }
      }
    }
  }

  private void signal(ActorRef<WorkerCommand> worker) {
    signalled.add(key(worker));
    worker.tell(new WorkReady(getContext().getSelf()));
  }

  private String know(ActorRef<WorkerCommand> worker, String workerId) {
    String key = key(worker);
    if (!workers.containsKey(key)) {
      workers.put(key, worker);
      getContext().watchWith(worker, new WorkerTerminated(worker));
      events.workerJoined(workerId);
    }
    workerIds.put(key, workerId);
    return key;
  }

  /** Path and uid: a worker node restarted on the same address is a new worker, not the lost one. */
  private static String key(ActorRef<?> worker) {
    return worker.path().toString() + "#" + worker.path().uid();
  }
}
