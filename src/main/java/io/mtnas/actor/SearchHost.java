package io.mtnas.actor;

import io.mtnas.domain.search.SearchResources;
import io.mtnas.domain.work.Replay;
import io.mtnas.domain.work.StoredDeliveries;
import io.mtnas.domain.work.WorkSettings;
import io.mtnas.domain.evaluation.Evaluator;
import io.mtnas.domain.search.EvaluationRecord;
import io.mtnas.domain.search.SearchSpec;
import io.mtnas.domain.search.TaskSpec;
import io.mtnas.protocol.WorkerCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * Guardian of a process that runs searches: each {@link RunSearch} gets a session actor holding
 * the search's coordinator and its local evaluator workers, which stop when the search ends.
 */
public final class SearchHost {
  private SearchHost() {}

  /** What the host of a service hears: searches to run, and changes to running ones. */
  public interface Command extends NoSerializationVerificationNeeded {}

  /** New budgets for some tasks of a running search (ignored when it is not running here). */
  public record SetBudgets(String searchId, Map<String, Integer> budgets) implements Command {}

  /** Tasks that join a running search (ignored when it is not running here). */
  public record JoinTasks(String searchId, List<TaskSpec> tasks) implements Command {}

  /**
   * The service's evaluator workers, shared by every search: {@code size} of them, registered under
   * {@link EvaluatorWorker#SERVICE_KEY}, each evaluating a job with its search's evaluator.
   */
  public record Pool(int size, java.util.function.Function<String, Evaluator> evaluators) {}

  /** Erase what a deleted search stored (its deliveries), once its session, if any, has stopped. */
  public record Erase(String searchId) implements Command {}

  record SessionStopped(String searchId, ActorRef<SessionMessage> session) implements Command {}

  /**
   * Run one search.
   *
   * @param localWorkers evaluator workers to start in this process for this search (they register
   *     under the search's own key, so concurrent searches never share them); 0 to rely on remote
   *     workers registered under {@code workerKey}
   * @param workerKey the Receptionist key its workers register under
   * @param events the search's progress events, closed when it ends: {@code result} completes once
   *     their subscribers have been handed everything up to {@code search_finished}
   * @param durable whether its deliveries are persisted ({@link DeliveryJournal}, which needs a
   *     configured journal) and replayed when a search of this id is run again
   */
  public record RunSearch(
      String searchId,
      SearchSpec spec,
      Evaluator evaluator,
      int localWorkers,
      ServiceKey<WorkerCommand> workerKey,
      Consumer<EvaluationRecord> recordSink,
      CompletableFuture<SearchCoordinator.Done> result,
      SearchResources resources,
      ProgressEvents events,
      boolean durable)
      implements Command {
    /** Progress events to the JSON-lines logger alone; not persisted. */
    public RunSearch(
        String searchId,
        SearchSpec spec,
        Evaluator evaluator,
        int localWorkers,
        ServiceKey<WorkerCommand> workerKey,
        Consumer<EvaluationRecord> recordSink,
        CompletableFuture<SearchCoordinator.Done> result,
        SearchResources resources) {
      this(searchId, spec, evaluator, localWorkers, workerKey, recordSink, result, resources,
          new ProgressEvents(searchId), false);
    }

    /** A search with no free signals and no predictor library (plain strategies only). */
    public RunSearch(
        String searchId,
        SearchSpec spec,
        Evaluator evaluator,
        int localWorkers,
        ServiceKey<WorkerCommand> workerKey,
        Consumer<EvaluationRecord> recordSink,
        CompletableFuture<SearchCoordinator.Done> result) {
      this(searchId, spec, evaluator, localWorkers, workerKey, recordSink, result, SearchResources.none());
    }
  }

  public static Behavior<RunSearch> create(WorkSettings settings, Executor blockingExecutor) {
    return service(settings, blockingExecutor).narrow();
  }

  /**
   * A host that also takes changes to running searches. A search run again (resumed after a pause)
   * waits until its previous session has stopped: two journals of one search must never be alive.
   */
  public static Behavior<Command> service(WorkSettings settings, Executor blockingExecutor) {
    return service(settings, blockingExecutor, new Pool(0, id -> null));
  }

  /** A service host that also runs a shared pool of evaluator workers. */
  public static Behavior<Command> service(WorkSettings settings, Executor blockingExecutor, Pool pool) {
    return Behaviors.setup(context -> new ServiceHost(context, settings, blockingExecutor, pool));
  }

  /** What a search's session hears: its coordinator's report, or that its caller cancelled it. */
  sealed interface SessionMessage extends NoSerializationVerificationNeeded {}

  private record Finished(SearchCoordinator.Done done) implements SessionMessage {}

  private enum Cancelled implements SessionMessage { INSTANCE }

  private record Recovered(StoredDeliveries stored) implements SessionMessage {}

  /** A change for the search's coordinator (budgets, joins), passed on in arrival order. */
  record Change(SearchCoordinator.Command command) implements SessionMessage {}

  /**
   * The search runs until its coordinator reports; a caller that cancels {@link RunSearch#result()}
   * ({@code result.cancel(...)}) stops it early: the session stops, and its coordinator, populations
   * and workers with it. A durable search first recovers its journal and replays what it stored.
   */
  static Behavior<SessionMessage> session(
      RunSearch run, WorkSettings settings, Executor blockingExecutor) {
    return Behaviors.setup(
        context -> {
          ActorRef<SessionMessage> session = context.getSelf();
          run.result().whenComplete((done, error) -> {
            if (run.result().isCancelled()) {
              session.tell(Cancelled.INSTANCE);
            }
          });
          if (!run.durable()) {
            return running(context, run, settings, blockingExecutor, SearchDurability.none(), List.of());
          }
          var journal = context.spawn(DeliveryJournal.create(run.searchId(),
              context.messageAdapter(StoredDeliveries.class, Recovered::new)), "deliveries");
          context.watch(journal);
          var batcher = context.spawn(DeliveryBatcher.create(journal), "delivery-batches");
          List<Change> early = new ArrayList<>();
          return Behaviors.receive(SessionMessage.class)
              .onMessage(Recovered.class, r -> running(context, run, settings, blockingExecutor,
                  SearchDurability.journaled(Replay.of(r.stored()), batcher), early))
              .onMessage(Change.class, c -> {
                early.add(c);
                return Behaviors.same();
              })
              .onMessageEquals(Cancelled.INSTANCE, () -> stop(run))
              .onSignal(Terminated.class, t -> failed(run, "its journal could not be read (see the error logged before)"))
              .build();
        });
  }

  private static Behavior<SessionMessage> running(ActorContext<SessionMessage> context, RunSearch run,
      WorkSettings settings, Executor blockingExecutor, SearchDurability durability, List<Change> early) {
    for (int i = 1; i <= run.localWorkers(); i++) {
      context.spawn(
          EvaluatorWorker.create("worker-" + i, run.evaluator(), run.workerKey(), blockingExecutor),
          "worker-" + i);
    }
    // The adapter enqueues into this session's own mailbox, so the ordering argument below holds.
    ActorRef<SearchCoordinator.Done> self = context.messageAdapter(SearchCoordinator.Done.class, Finished::new);
    var coordinator =
        context.spawn(
            SearchCoordinator.create(
                run.searchId(), run.spec(), run.workerKey(), settings, run.recordSink(), self,
                run.resources(), blockingExecutor, run.events(), durability),
            "coordinator");
    early.forEach(c -> coordinator.tell(c.command())); // in arrival order
    // Terminated is enqueued behind the coordinator's last message, so it only arrives
    // first when the coordinator failed before replying.
    context.watch(coordinator);
    return Behaviors.receive(SessionMessage.class)
        .onMessage(
            Finished.class,
            finished -> {
              // off this thread: the result waits for the subscribers, the actor does not
              run.events().close().whenComplete((ok, error) -> run.result().complete(finished.done()));
              return Behaviors.stopped();
            })
        .onMessage(Change.class, c -> {
          coordinator.tell(c.command());
          return Behaviors.same();
        })
        .onMessageEquals(Cancelled.INSTANCE, () -> stop(run))
        .onSignal(Terminated.class, t -> failed(run, durability.journal().filter(t.getRef()::equals).isPresent()
            ? "its journal could not write (see the error logged before)"
            : "its coordinator stopped without a report (see the error logged before)"))
        .build();
  }

  private static Behavior<SessionMessage> stop(RunSearch run) {
    run.events().close();
    return Behaviors.stopped();
  }

  private static Behavior<SessionMessage> failed(RunSearch run, String why) {
    IllegalStateException failed = new IllegalStateException("search " + run.searchId() + " failed: " + why);
    run.events().close().whenComplete((ok, error) -> run.result().completeExceptionally(failed));
    return Behaviors.stopped();
  }
}
