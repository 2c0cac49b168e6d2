package io.mtnas.actor;

import io.mtnas.domain.evaluation.Evaluator;
import io.mtnas.domain.evaluation.RoutingEvaluator;
import io.mtnas.domain.events.EventHistory;
import io.mtnas.domain.events.ServiceEvents;
import io.mtnas.domain.search.EvaluationRecord;
import io.mtnas.domain.search.SearchResources;
import io.mtnas.domain.search.PriorResults;
import io.mtnas.domain.transfer.Label;
import io.mtnas.domain.search.SearchSpec;
import io.mtnas.domain.evaluation.Direction;
import io.mtnas.domain.predictor.Observation;
import io.mtnas.domain.search.TaskResult;
import io.mtnas.domain.search.TaskSpec;
import io.mtnas.domain.service.Catalog;
import io.mtnas.domain.service.CatalogEvent;
import io.mtnas.domain.service.SearchEntry;
import io.mtnas.domain.service.SearchRegistry;
import io.mtnas.domain.service.SearchState;
import io.mtnas.domain.work.WorkSettings;
import io.mtnas.protocol.WorkerCommand;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The shell of {@code mtnas serve}: holds the {@link Catalog} value (the {@link SearchRegistry} and
 * finished searches' evaluations) and the live evaluations of each running search, runs searches
 * through a {@link SearchHost} child (at most {@code maxRunning} at once, the rest QUEUED; all
 * served by the host's shared pool of evaluator workers, each search {@code workers} of its spec at
 * a time) and answers the HTTP layer's questions. Every decision is the
 * registry's; this actor only starts, stops and stores.
 *
 * <p>Durable: each change is a {@link CatalogEvent}, applied here at once and stored by its {@link
 * CatalogJournal} child, and the caller hears back only once it is stored. Every search runs
 * durable (its deliveries in its own journal). On start the service recovers the catalog first
 * (commands wait), then resumes the searches that were RUNNING (they replay what they stored)
 * and starts the QUEUED ones that fit.
 */
public final class SearchService extends AbstractBehavior<SearchService.Command> {

  public interface Command extends NoSerializationVerificationNeeded {}

  /**
   * What a search needs from the edges: its evaluator (closed when it ends), its resources, and
   * the spec's stored form (its JSON, read back with the benchmark tables).
   */
  public interface Launcher {
    Evaluator evaluator(SearchSpec spec);

    SearchResources resources(SearchSpec spec);

    String specJson(SearchSpec spec);

    SearchSpec spec(String json);
  }

  /** Where finished searches' files go (report.json, evaluations.csv), and go away on delete. */
  public interface Output {
    void finished(SearchEntry entry, List<EvaluationRecord> records);

    void deleted(String id);
  }

  public record Submit(String id, SearchSpec spec, Optional<String> idempotencyKey,
      ActorRef<SearchRegistry.Outcome> replyTo) implements Command {}

  public record Get(String id, ActorRef<Optional<SearchEntry>> replyTo) implements Command {}

  /** A page of the searches in submission order: those after submission number {@code afterNumber}. */
  public record ListSearches(Optional<SearchState> state, long afterNumber, int limit,
      ActorRef<SearchRegistry.Page> replyTo) implements Command {}

  public record Cancel(String id, ActorRef<SearchRegistry.Outcome> replyTo) implements Command {}

  public record Delete(String id, ActorRef<SearchRegistry.Outcome> replyTo) implements Command {}

  /** New budgets for some tasks, if {@code revision} is the search's (a running one's engine hears of them). */
  public record ChangeBudgets(String id, long revision, Map<String, Integer> budgets,
      ActorRef<SearchRegistry.Outcome> replyTo) implements Command {}

  /** Stops a queued or running search, keeping what it evaluated; {@link Resume} queues it again. */
  public record Pause(String id, ActorRef<SearchRegistry.Outcome> replyTo) implements Command {}

  public record Resume(String id, ActorRef<SearchRegistry.Outcome> replyTo) implements Command {}

  /**
   * A new task for a search that is not over (docs/api.md, {@code POST /searches/{id}/tasks}): part
   * of its spec while it never started, else it joins its engine, now or when it runs again.
   */
  public record JoinTask(String id, TaskSpec task, ActorRef<SearchRegistry.Outcome> replyTo) implements Command {}

  /** A join is stored: now its running engine may hear of it, then the caller. */
  private record JoinStored(String id, TaskSpec task, ActorRef<SearchRegistry.Outcome> replyTo,
      SearchRegistry.Outcome outcome) implements Command {}

  /** A budget change is stored: now its running engine may hear of it, then the caller. */
  private record BudgetsStored(String id, Map<String, Integer> budgets, ActorRef<SearchRegistry.Outcome> replyTo,
      SearchRegistry.Outcome outcome) implements Command {}

  /** A search with its evaluations so far, in arrival order. */
  public record Evaluations(String id, ActorRef<Optional<EvaluationsView>> replyTo) implements Command {}

  public record EvaluationsView(SearchEntry entry, List<EvaluationRecord> records)
      implements NoSerializationVerificationNeeded {}

  /**
   * The progress events kept for a search's followers (server-sent events); empty for an unknown
   * search. A search that ended before this service started has an empty, closed history.
   */
  public record Follow(String id, ActorRef<Optional<EventHistory>> replyTo) implements Command {}

  /** Every search's progress events, numbered service-wide ({@code GET /events}). */
  public record FollowAll(ActorRef<EventHistory> replyTo) implements Command {}

  private record Recorded(String id, EvaluationRecord record) implements Command {}

  private record Ended(String id, SearchCoordinator.Done done, Throwable error) implements Command {}

  private record Recovered(Catalog catalog) implements Command {}

  private final ActorRef<SearchHost.Command> host;
  private final ActorRef<CatalogJournal.Command> journal;
  private final Launcher launcher;
  private final Output output;
  private final int maxRunning;
  private Catalog catalog;
  /** Evaluations of the running searches so far, in arrival order. */
  private final Map<String, List<EvaluationRecord>> records = new HashMap<>();
  private final Map<String, CompletableFuture<SearchCoordinator.Done>> running = new HashMap<>();
  /** Running searches' evaluators; the shared workers read it on their own threads. */
  private final Map<String, Evaluator> evaluators;
  private final Map<String, EventHistory> histories = new HashMap<>();
  private final int historyCapacity;
  private final ServiceEvents serviceEvents;

  private SearchService(ActorContext<Command> context, ActorRef<SearchHost.Command> host,
      ActorRef<CatalogJournal.Command> journal, Launcher launcher, Output output, int maxRunning, Catalog catalog,
      int historyCapacity, Map<String, Evaluator> evaluators) {
    super(context);
    this.evaluators = evaluators;
    this.historyCapacity = historyCapacity;
    this.serviceEvents = new ServiceEvents(historyCapacity);
    this.host = host;
    this.journal = journal;
    this.launcher = launcher;
    this.output = output;
    this.maxRunning = maxRunning;
    this.catalog = catalog;
  }

  /**
   * @param maxRunning searches that run at once; later ones wait QUEUED
   * @param historyCapacity progress events kept per search for its followers
   * @param workers the service's evaluator workers, shared by the running searches (each has at
   *     most its spec's {@code workers} evaluations in flight)
   */
  public static Behavior<Command> create(WorkSettings work, Executor blocking, Launcher launcher, Output output,
      int maxRunning, int historyCapacity, int workers) {
    if (maxRunning < 1) {
      throw new IllegalArgumentException("maxRunning must be >= 1, got " + maxRunning);
    }
    return Behaviors.setup(context -> Behaviors.withStash(RECOVERY_STASH, stash -> {
      Map<String, Evaluator> evaluators = new java.util.concurrent.ConcurrentHashMap<>();
      var host = context.spawn(SearchHost.service(work, blocking, new SearchHost.Pool(workers, evaluators::get)),
          "searches");
      var journal = context.spawn(CatalogJournal.create(launcher::spec,
          context.messageAdapter(Catalog.class, Recovered::new)), "catalog");
      context.watch(journal); // a journal that cannot write takes the service down: nothing half-stored
      return Behaviors.receive(Command.class)
          .onMessage(Recovered.class, r -> {
            SearchService service = new SearchService(context, host, journal, launcher, output, maxRunning,
                r.catalog(), historyCapacity, evaluators);
            service.resume();
            return stash.unstashAll(service);
          })
          .onAnyMessage(m -> {
            stash.stash(m);
            return Behaviors.same();
          })
          .build();
    }));
  }

  /** Commands that may wait while the catalog recovers. */
  private static final int RECOVERY_STASH = 10_000;

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Submit.class, this::onSubmit)
        .onMessage(Get.class, m -> {
          m.replyTo().tell(registry().get(m.id()));
          return this;
        })
        .onMessage(ListSearches.class, m -> {
          m.replyTo().tell(registry().page(m.state(), m.afterNumber(), m.limit()));
          return this;
        })
        .onMessage(Evaluations.class, m -> {
          m.replyTo().tell(registry().get(m.id()).map(e -> new EvaluationsView(e,
              catalog.finishedRecords(m.id()).orElseGet(() -> List.copyOf(records.getOrDefault(m.id(), List.of()))))));
          return this;
        })
        .onMessage(Follow.class, m -> {
          m.replyTo().tell(registry().get(m.id()).map(e -> history(m.id(), e.state().over())));
          return this;
        })
        .onMessage(FollowAll.class, m -> {
          m.replyTo().tell(serviceEvents.history());
          return this;
        })
        .onMessage(Cancel.class, this::onCancel)
        .onMessage(Delete.class, this::onDelete)
        .onMessage(ChangeBudgets.class, this::onChangeBudgets)
        .onMessage(BudgetsStored.class, m -> {
          if (running.containsKey(m.id())) {
            host.tell(new SearchHost.SetBudgets(m.id(), m.budgets()));
          }
          m.replyTo().tell(m.outcome());
          return this;
        })
        .onMessage(JoinTask.class, this::onJoinTask)
        .onMessage(JoinStored.class, m -> {
          if (running.containsKey(m.id())) {
            Evaluator old = evaluators.get(m.id());
            Evaluator own = launcher.evaluator(registry().get(m.id()).orElseThrow().spec().withOnly(m.task()));
            evaluators.put(m.id(), new RoutingEvaluator(Map.of(m.task().name(), own), old));
            host.tell(new SearchHost.JoinTasks(m.id(), List.of(m.task())));
          }
          m.replyTo().tell(m.outcome());
          return this;
        })
        .onMessage(Pause.class, this::onPause)
        .onMessage(Resume.class, this::onResume)
        .onMessage(Recorded.class, m -> {
          List<EvaluationRecord> list = records.get(m.id());
          if (list != null && running.containsKey(m.id())) {
            catalog = catalog.recorded(m.id(), m.record());
            list.add(m.record());
          }
          return this;
        })
        .onMessage(Ended.class, this::onEnded)
        .build();
  }

  private SearchRegistry registry() {
    return catalog.registry();
  }

  /** After recovery: the searches that were running run again (and replay), then what fits. */
  private void resume() {
    List<String> wasRunning = registry().list(Optional.of(SearchState.RUNNING)).stream().map(SearchEntry::id).toList();
    if (registry().size() > 0) {
      getContext().getLog().info("recovered {} searches, resuming {} that were running", registry().size(),
          wasRunning.size());
    }
    wasRunning.forEach(this::launch);
    store(startWhatFits(), null, null);
  }

  private Behavior<Command> onSubmit(Submit m) {
    if (registry().badWarmFrom(m.spec()).isPresent()) {
      m.replyTo().tell(new SearchRegistry.Outcome(registry(), SearchRegistry.Kind.INVALID, Optional.empty(), false));
      return this;
    }
    SearchRegistry.Outcome outcome = registry().submit(m.id(), m.spec(), m.idempotencyKey());
    if (outcome.kind() != SearchRegistry.Kind.CREATED) {
      m.replyTo().tell(outcome);
      return this;
    }
    List<CatalogEvent> events = new ArrayList<>();
    // the spec at hand, not its JSON read back: the journal reads that on recovery
    events.add(apply(new CatalogEvent.Submitted(m.id(), launcher.specJson(m.spec()), m.idempotencyKey()),
        json -> m.spec()));
    events.addAll(startWhatFits());
    store(events, m.replyTo(), withRegistry(outcome));
    return this;
  }

  private Behavior<Command> onCancel(Cancel m) {
    return changeState(registry().cancel(m.id()), new CatalogEvent.Cancelled(m.id()), m.replyTo(), "cancelled");
  }

  private Behavior<Command> onPause(Pause m) {
    // what it stored stays; the jobs in flight are dispatched again on resume
    return changeState(registry().pause(m.id()), new CatalogEvent.Paused(m.id()), m.replyTo(), "paused");
  }

  private Behavior<Command> onResume(Resume m) {
    return changeState(registry().resume(m.id()), new CatalogEvent.Resumed(m.id()), m.replyTo(), "resumed");
  }

  /**
   * A cancel, pause or resume the registry allowed (else its outcome is the answer): the event is
   * applied, a running engine stopped, the queued searches that now fit started, all stored, then
   * the caller answered.
   */
  private Behavior<Command> changeState(SearchRegistry.Outcome outcome, CatalogEvent event,
      ActorRef<SearchRegistry.Outcome> replyTo, String what) {
    if (outcome.kind() != SearchRegistry.Kind.CHANGED) {
      replyTo.tell(outcome);
      return this;
    }
    List<CatalogEvent> events = new ArrayList<>();
    events.add(apply(event));
    if (outcome.wasRunning()) {
      stopEngine(event.id());
      getContext().getLog().info("search {} {} while running", event.id(), what);
    }
    events.addAll(startWhatFits());
    store(events, replyTo, withRegistry(outcome));
    return this;
  }

  private Behavior<Command> onChangeBudgets(ChangeBudgets m) {
    SearchRegistry.Outcome outcome = registry().changeBudgets(m.id(), m.revision(), m.budgets());
    if (outcome.kind() != SearchRegistry.Kind.CHANGED) {
      m.replyTo().tell(outcome);
      return this;
    }
    CatalogEvent changed = apply(new CatalogEvent.BudgetsChanged(m.id(), m.budgets()));
    // stored first: the engine's own journal must never know a change the catalog does not
    store(List.of(changed), getContext().getSelf(),
        new BudgetsStored(m.id(), m.budgets(), m.replyTo(), withRegistry(outcome)));
    return this;
  }

  private Behavior<Command> onJoinTask(JoinTask m) {
    SearchRegistry.Outcome outcome = registry().joinTask(m.id(), m.task());
    if (outcome.kind() != SearchRegistry.Kind.CHANGED) {
      m.replyTo().tell(outcome);
      return this;
    }
    SearchSpec withTask = outcome.entry().orElseThrow().currentSpec();
    // the spec at hand, not its JSON read back; stored first, as budget changes are
    CatalogEvent joined = apply(new CatalogEvent.TaskJoined(m.id(), m.task().name(), launcher.specJson(withTask)),
        json -> withTask);
    store(List.of(joined), getContext().getSelf(), new JoinStored(m.id(), m.task(), m.replyTo(), withRegistry(outcome)));
    return this;
  }

  /** Stops a running search's engine; what it stored stays in its journal. */
  private void stopEngine(String id) {
    CompletableFuture<SearchCoordinator.Done> future = running.remove(id);
    if (future != null) {
      future.cancel(false);
    }
    records.remove(id);
    closeEvaluator(id);
  }

  private Behavior<Command> onDelete(Delete m) {
    SearchRegistry.Outcome outcome = registry().delete(m.id());
    if (outcome.kind() != SearchRegistry.Kind.CHANGED) {
      m.replyTo().tell(outcome);
      return this;
    }
    CatalogEvent deleted = apply(new CatalogEvent.Deleted(m.id()));
    if (outcome.entry().orElseThrow().launched()) {
      host.tell(new SearchHost.Erase(m.id())); // its stored deliveries go too
    }
    records.remove(m.id());
    histories.remove(m.id());
    try {
      output.deleted(m.id());
    } catch (RuntimeException e) {
      getContext().getLog().warn("search {}: could not delete its files: {}", m.id(), e.toString());
    }
    store(List.of(deleted), m.replyTo(), withRegistry(outcome));
    return this;
  }

  private Behavior<Command> onEnded(Ended m) {
    running.remove(m.id());
    records.remove(m.id());
    closeEvaluator(m.id());
    boolean wasRunning = registry().get(m.id()).map(e -> e.state() == SearchState.RUNNING).orElse(false);
    List<CatalogEvent> events = new ArrayList<>();
    if (m.done() != null && wasRunning && !coversEveryTask(m.id(), m.done())) {
      // a task joined while the engine was finishing: it runs again, replays, and takes the task
      getContext().getLog().info("search {} finished before a task that joined reached it: running it again", m.id());
      events.add(apply(new CatalogEvent.Started(m.id())));
      launch(m.id());
    } else if (m.done() != null && wasRunning) {
      events.add(apply(CatalogEvent.Finished.of(m.done().report(), m.done().records(), m.done().labels())));
      try {
        output.finished(registry().get(m.id()).orElseThrow(), m.done().records());
      } catch (RuntimeException e) {
        getContext().getLog().error("search {}: could not write its files: {}", m.id(), e.toString());
      }
    } else if (m.done() == null && wasRunning) {
      Throwable cause = m.error() instanceof CompletionException && m.error().getCause() != null
          ? m.error().getCause() : m.error();
      getContext().getLog().error("search {} failed: {}", m.id(), cause.toString());
      events.add(apply(new CatalogEvent.Failed(m.id(),
          cause.getMessage() != null ? cause.getMessage() : cause.toString())));
    }
    events.addAll(startWhatFits());
    store(events, null, null);
    return this;
  }

  /** The results of the finished searches {@code spec} starts from, as the catalog keeps them. */
  private PriorResults prior(SearchSpec spec) {
    List<Observation> observations = new ArrayList<>();
    Map<String, Direction> directions = new java.util.LinkedHashMap<>();
    List<Label> labels = new ArrayList<>();
    for (String earlier : spec.warmFrom()) {
      SearchSpec was = registry().get(earlier).orElseThrow(() -> new IllegalStateException(
          "search " + earlier + ", which this search starts from, is gone")).currentSpec();
      was.tasks().forEach(t -> directions.put(PriorResults.taskName(earlier, t.name()), t.direction()));
      for (EvaluationRecord r : catalog.finishedRecords(earlier).orElse(List.of())) {
        observations.add(new Observation(observations.size() + 1, PriorResults.taskName(earlier, r.task()),
            r.architecture(), r.fitness()));
      }
      labels.addAll(PriorResults.labelsOf(earlier, catalog.finishedLabels(earlier).orElse(List.of())));
    }
    return new PriorResults(observations, directions, labels);
  }

  private boolean coversEveryTask(String id, SearchCoordinator.Done done) {
    List<String> reported = done.report().tasks().stream().map(TaskResult::task).toList();
    return registry().get(id).orElseThrow().tasks().stream().allMatch(t -> reported.contains(t.task()));
  }

  /** Applies an event to this actor's catalog; the caller stores it. */
  private CatalogEvent apply(CatalogEvent event) {
    return apply(event, launcher::spec);
  }

  private CatalogEvent apply(CatalogEvent event, Function<String, SearchSpec> specs) {
    catalog = catalog.apply(event, specs);
    return event;
  }

  /** Stores {@code events} (nothing when empty), then answers {@code replyTo}, if any. */
  private <T> void store(List<CatalogEvent> events, ActorRef<T> replyTo, T reply) {
    if (events.isEmpty()) {
      if (replyTo != null) {
        replyTo.tell(reply);
      }
      return;
    }
    journal.tell(new CatalogJournal.Append<>(events, replyTo, reply));
  }

  /** Starts the queued searches that fit; their Started events, to be stored. */
  private List<CatalogEvent> startWhatFits() {
    List<CatalogEvent> events = new ArrayList<>();
    for (String id : registry().startable(maxRunning)) {
      events.add(apply(new CatalogEvent.Started(id)));
      launch(id);
    }
    return events;
  }

  private void launch(String id) {
    SearchEntry entry = registry().get(id).orElseThrow();
    SearchSpec spec = entry.spec();
    records.put(id, new ArrayList<>());
    var result = new CompletableFuture<SearchCoordinator.Done>();
    try {
      Evaluator evaluator = launcher.evaluator(entry.currentSpec());
      evaluators.put(id, evaluator);
      ActorRef<Command> self = getContext().getSelf();
      // no workers of its own: the service's pool (and worker nodes, unless it trains) serve it,
      // spec.workers() at a time
      host.tell(new SearchHost.RunSearch(id, spec, evaluator, 0,
          entry.currentSpec().trains() ? EvaluatorWorker.LOCAL_POOL_KEY : EvaluatorWorker.SERVICE_KEY,
          record -> self.tell(new Recorded(id, record)), result, launcher.resources(spec).withPrior(prior(spec)),
          events(id), true));
      if (!entry.joined().isEmpty()) {
        // joined since it first started: a restarted engine replays the joins it stored at their
        // place and takes the others (the service died before the engine stored them) as new ones
        host.tell(new SearchHost.JoinTasks(id, entry.joined()));
      }
      Map<String, Integer> changes = entry.budgetChanges();
      if (!changes.isEmpty()) {
        // changed since it first started: a restarted engine may have stored them already (a
        // repeated notice changes nothing), or not, if the service died before it could
        host.tell(new SearchHost.SetBudgets(id, changes));
      }
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
    }
    running.put(id, result);
    getContext().pipeToSelf(result, (done, error) -> new Ended(id, done, error));
  }

  /** A new event stream for a search that starts: logged, and kept for its followers. */
  private ProgressEvents events(String id) {
    ProgressEvents events = new ProgressEvents(id);
    EventHistory history = histories.get(id);
    if (history == null || history.closed()) {
      // a resumed search's followers follow it again (its old stream ended at the pause); one that
      // was queued keeps the history its early followers already read
      history = new EventHistory(historyCapacity);
      histories.put(id, history);
    }
    events.subscribe("followers", historyCapacity, history);
    events.subscribe("service-followers", historyCapacity, serviceEvents.forSearch());
    return events;
  }

  private EventHistory history(String id, boolean over) {
    return histories.computeIfAbsent(id, x -> {
      EventHistory h = new EventHistory(historyCapacity);
      if (over) {
        h.onClose(); // ended before this service started: nothing to follow
      }
      return h;
    });
  }

  private void closeEvaluator(String id) {
    Evaluator evaluator = evaluators.remove(id);
    if (evaluator != null) {
      try {
        evaluator.close();
      } catch (Exception e) {
        getContext().getLog().warn("search {}: closing its evaluator failed: {}", id, e.toString());
      }
    }
  }

  /** The outcome with the registry as it is after the searches it allowed have started. */
  private SearchRegistry.Outcome withRegistry(SearchRegistry.Outcome o) {
    return new SearchRegistry.Outcome(registry(), o.kind(), o.entry().flatMap(e -> registry().get(e.id())),
        o.wasRunning());
  }
}
