package io.mtnas.actor;

import io.mtnas.domain.search.SearchResources;
import io.mtnas.domain.work.WorkSettings;
import io.mtnas.domain.search.TransferStats;
import io.mtnas.domain.transfer.Label;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import io.mtnas.domain.wiring.SearchWiring;
import java.util.concurrent.Executor;
import io.mtnas.domain.search.EvaluationRecord;
import io.mtnas.domain.search.SearchReport;
import io.mtnas.domain.search.SearchSpec;
import io.mtnas.domain.search.TaskResult;
import io.mtnas.domain.search.TaskSpec;
import io.mtnas.protocol.ManagerCommand;
import io.mtnas.protocol.WorkerCommand;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * Runs one search: spawns its work manager and one population per task (a task that joins later
 * gets its population when the work manager has placed its join), collects every evaluation and
 * each task's end, and replies with the report when all tasks have finished.
 */
public final class SearchCoordinator extends AbstractBehavior<SearchCoordinator.Command> {

  public interface Command {}

  /**
   * The search is over. {@code records} are in arrival order (sort for reproducible output);
   * {@code labels} are every transfer label its tasks decided, each task's in its own order.
   */
  public record Done(SearchReport report, List<EvaluationRecord> records, List<Label> labels)
      implements NoSerializationVerificationNeeded {}

  /**
   * New budgets for some tasks, passed to the work manager, which places them among the
   * deliveries. Until each named task has taken its change, the search does not end: a task that
   * had finished may start again.
   */
  public record SetBudgets(Map<String, Integer> budgets)
      implements Command, NoSerializationVerificationNeeded {}

  /**
   * Tasks that join the running search (in this order), each once its {@link TaskSpec#joinAfter()}
   * count is reached, at once without one. The coordinator hears again, after a restart, of tasks
   * that joined before it; it then spawns them as its replay reaches their place.
   */
  public record JoinTasks(List<TaskSpec> tasks) implements Command, NoSerializationVerificationNeeded {}

  private record Joined(WorkManager.TaskJoined joined) implements Command, NoSerializationVerificationNeeded {}

  private record Wired(SearchWiring wiring, Throwable error)
      implements Command, NoSerializationVerificationNeeded {}

  private record WrappedReport(PopulationActor.Report report)
      implements Command, NoSerializationVerificationNeeded {}

  private final String searchId;
  private final SearchSpec spec;
  /** The spec with the tasks told to join it since it started: what the report covers. */
  private SearchSpec current;
  /** Tasks told to join that have not joined yet, by name. */
  private final Map<String, TaskSpec> joinable = new LinkedHashMap<>();
  /**
   * Tasks that joined, in the order they did, with the deliveries before each; their populations
   * exist once the search is wired.
   */
  private final Map<TaskSpec, Long> joined = new LinkedHashMap<>();
  private SearchWiring wiring;
  private TaskPeers peers;
  private ActorRef<PopulationActor.Report> reports;
  private int populations;
  private final Consumer<EvaluationRecord> recordSink;
  private final ActorRef<Done> replyTo;
  private final ActorRef<ManagerCommand> manager;
  private final ProgressEvents events;
  private final long startedNanos;
  private final List<EvaluationRecord> records = new ArrayList<>();
  private final Map<String, TaskResult> results = new HashMap<>();
  /** Budget changes sent to the work manager and not yet taken, by task. */
  private final Map<String, Integer> budgetChangesOut = new HashMap<>();
  private final Map<String, TransferStats> transfers = new LinkedHashMap<>();
  private final List<Label> labels = new ArrayList<>();
  private final SearchResources resources;
  private final Executor blockingExecutor;

  private SearchCoordinator(
      ActorContext<Command> context,
      String searchId,
      SearchSpec spec,
      ServiceKey<WorkerCommand> workerKey,
      WorkSettings settings,
      Consumer<EvaluationRecord> recordSink,
      ActorRef<Done> replyTo,
      SearchResources resources,
      Executor blockingExecutor,
      ProgressEvents events,
      SearchDurability durability) {
    super(context);
    this.resources = resources;
    this.blockingExecutor = blockingExecutor;
    this.searchId = searchId;
    this.spec = spec;
    this.current = spec;
    this.recordSink = recordSink;
    this.replyTo = replyTo;
    this.events = events;
    this.startedNanos = System.nanoTime();
    events.searchStarted(spec);
    List<String> taskNames = spec.startingTasks().stream().map(TaskSpec::name).toList();
    this.manager =
        context.spawn(
            WorkManager.create(
                searchId, taskNames, workerKey, settings, System::currentTimeMillis, events, durability,
                spec.workers(), context.messageAdapter(WorkManager.TaskJoined.class, Joined::new)),
            "work-manager");
    context.watch(manager);
    spec.tasks().stream().filter(t -> !t.starts()).forEach(this::toJoin);
    wire(context);
  }

  /**
   * @param workerKey the Receptionist key of the workers that serve this search
   * @param recordSink called with every evaluation as it is integrated (a journal)
   * @param events where its progress events go (whoever made them closes them)
   * @param durability whether its deliveries are stored, and what it stored before a restart
   */
  public static Behavior<Command> create(
      String searchId,
      SearchSpec spec,
      ServiceKey<WorkerCommand> workerKey,
      WorkSettings settings,
      Consumer<EvaluationRecord> recordSink,
      ActorRef<Done> replyTo,
      SearchResources resources,
      Executor blockingExecutor,
      ProgressEvents events,
      SearchDurability durability) {
    return Behaviors.setup(
        context ->
            new SearchCoordinator(
                context, searchId, spec, workerKey, settings, recordSink, replyTo, resources, blockingExecutor,
                events, durability));
  }

  /** Builds the search's wiring on the blocking executor (an embedder may train for a second). */
  private void wire(ActorContext<Command> context) {
    context.pipeToSelf(
        CompletableFuture.supplyAsync(() -> SearchWiring.of(spec, resources), blockingExecutor),
        Wired::new);
  }

  private Behavior<Command> onWired(Wired wired) {
    if (wired.error() != null) {
      throw new IllegalStateException("search " + searchId + " could not be wired: "
          + wired.error().getMessage(), wired.error());
    }
    wiring = wired.wiring();
    ActorContext<Command> context = getContext();
    reports = context.messageAdapter(PopulationActor.Report.class, WrappedReport::new);
    peers = spawnPeers(context, wiring);
    // a search that starts from earlier searches starts each task as a join at 0: warm, from them
    boolean warm = !resources.prior().isEmpty();
    spec.startingTasks().forEach(t -> {
      ActorRef<PopulationActor.Command> population = spawnPopulation(t);
      population.tell(warm ? new PopulationActor.Joined(0) : PopulationActor.Start.INSTANCE);
    });
    joined.forEach(this::startJoined);
    return this;
  }

  private ActorRef<PopulationActor.Command> spawnPopulation(TaskSpec task) {
    return watched(getContext().spawn(
        PopulationActor.create(wiring.taskSearch(task), manager, reports, peers, events, this::elapsedMillis),
        "population-" + populations++));
  }

  private <T> ActorRef<T> watched(ActorRef<T> child) {
    getContext().watch(child);
    return child;
  }

  /**
   * A part of the search failed (its error is logged; a replay that no longer matches its stored
   * deliveries is one): the search cannot go on, so the coordinator stops and its host reports
   * the search failed, instead of waiting for an answer that never comes.
   */
  private Behavior<Command> onChildStopped(Terminated t) {
    getContext().getLog().error("search {}: its {} stopped before the search ended", searchId, t.getRef().path().name());
    return Behaviors.stopped();
  }

  /** A joined task's population, once the search is wired; the peers learn its direction first. */
  private void startJoined(TaskSpec task, long afterDelivery) {
    peers.predictor().ifPresent(p -> p.tell(new PredictorActor.AddTask(task.name(), task.direction())));
    peers.arbiter().ifPresent(a -> a.tell(new TransferArbiter.AddTask(task.name(), task.direction())));
    spawnPopulation(task).tell(new PopulationActor.Joined(afterDelivery));
  }

  /** Tells the work manager of a task to join, unless the search has it already. */
  private void toJoin(TaskSpec task) {
    joinable.put(task.name(), task);
    manager.tell(new WorkManager.JoinTask(task.name(), task.joinAfter()));
  }

  private Behavior<Command> onJoinTasks(JoinTasks m) {
    for (TaskSpec task : m.tasks()) {
      if (current.tasks().stream().noneMatch(t -> t.name().equals(task.name()))) {
        current = current.withTask(task);
        toJoin(task);
      }
    }
    return this;
  }

  private Behavior<Command> onJoined(WorkManager.TaskJoined m) {
    TaskSpec task = joinable.remove(m.task());
    if (task == null) {
      throw new IllegalStateException("search " + searchId + ": task " + m.task()
          + " joined, but nobody asked for it to join");
    }
    joined.put(task, m.afterDelivery());
    events.taskJoined(task, m.afterDelivery());
    if (wiring != null) {
      startJoined(task, m.afterDelivery());
    }
    return this;
  }

  /** The shared predictor and the transfer arbiter, spawned only when the wiring has them. */
  private TaskPeers spawnPeers(ActorContext<Command> context, SearchWiring wiring) {
    Optional<ActorRef<PredictorActor.Command>> predictor = wiring.predictor().map(p -> watched(context.spawn(
        PredictorActor.create(p.features(), p.regressor(), p.settings(), p.retrain(), p.directions(), p.prior(),
            blockingExecutor),
        "predictor")));
    Optional<ActorRef<TransferArbiter.Command>> arbiter = wiring.arbiter().map(a -> watched(context.spawn(
        TransferArbiter.create(a.tasks(), a.directions(), a.populationSize(), a.transfer(), a.embedder(), a.seed(),
            a.prior(), events),
        "transfer-arbiter")));
    return new TaskPeers(predictor, arbiter, wiring.proxies());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Wired.class, this::onWired)
        .onMessage(WrappedReport.class, m -> onReport(m.report()))
        .onMessage(SetBudgets.class, this::onSetBudgets)
        .onMessage(JoinTasks.class, this::onJoinTasks)
        .onMessage(Joined.class, m -> onJoined(m.joined()))
        .onSignal(Terminated.class, this::onChildStopped)
        .build();
  }

  private Behavior<Command> onSetBudgets(SetBudgets m) {
    Map<String, Integer> known = new LinkedHashMap<>();
    m.budgets().forEach((task, budget) -> {
      if (current.tasks().stream().anyMatch(t -> t.name().equals(task))) {
        known.put(task, budget);
        results.remove(task); // it may start again
        budgetChangesOut.merge(task, 1, Integer::sum);
      } else {
        getContext().getLog().warn("search {}: no task {} to change the budget of", searchId, task);
      }
    });
    if (!known.isEmpty()) {
      manager.tell(new WorkManager.SetBudgets(known));
    }
    return this;
  }

  private Behavior<Command> onReport(PopulationActor.Report report) {
    if (report instanceof PopulationActor.Recorded r) {
      records.add(r.record());
      recordSink.accept(r.record());
      return this;
    }
    if (report instanceof PopulationActor.Transferred t) {
      transfers.put(key(t.source(), t.target()), pair(t.source(), t.target()).plusTransferred());
      return this;
    }
    if (report instanceof PopulationActor.TransferLabelled l) {
      Label label = l.label();
      labels.add(label);
      transfers.put(key(label.source(), label.target()), pair(label.source(), label.target()).plusLabel(label.positive()));
      return this;
    }
    if (report instanceof PopulationActor.BudgetApplied b) {
      // a replayed change is taken without having been sent in this run: nothing to count down
      budgetChangesOut.computeIfPresent(b.task(), (t, n) -> n > 1 ? n - 1 : null);
      b.result().ifPresentOrElse(r -> results.put(b.task(), r), () -> results.remove(b.task()));
      return finishIfDone();
    }
    TaskResult result = ((PopulationActor.Finished) report).result();
    results.put(result.task(), result);
    return finishIfDone();
  }

  private Behavior<Command> finishIfDone() {
    if (results.size() < current.tasks().size() || !budgetChangesOut.isEmpty() || !joinable.isEmpty()) {
      return this;
    }
    List<TaskResult> ordered = current.tasks().stream().map(t -> results.get(t.name())).toList();
    SearchReport searchReport =
        new SearchReport(searchId, current, ordered, elapsedMillis(), List.copyOf(transfers.values()));
    events.searchFinished(searchReport);
    replyTo.tell(new Done(searchReport, List.copyOf(records), List.copyOf(labels)));
    manager.tell(WorkManager.Stop.INSTANCE);
    return Behaviors.stopped();
  }

  private static String key(String source, String target) {
    return source + "->" + target;
  }

  private TransferStats pair(String source, String target) {
    return transfers.getOrDefault(key(source, target), new TransferStats(source, target, 0, 0, 0));
  }

  private long elapsedMillis() {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }
}
