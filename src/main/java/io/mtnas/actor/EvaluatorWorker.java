package io.mtnas.actor;

import io.mtnas.domain.evaluation.EvaluationOutcome;
import io.mtnas.domain.evaluation.EvaluationOutcome.FailureKind;
import io.mtnas.domain.evaluation.Evaluator;
import io.mtnas.protocol.Evaluate;
import io.mtnas.protocol.Evaluated;
import io.mtnas.protocol.ManagerCommand;
import io.mtnas.protocol.RequestWork;
import io.mtnas.protocol.WorkReady;
import io.mtnas.protocol.WorkerCommand;
import io.mtnas.protocol.WorkerStatus;
import io.mtnas.protocol.WorkerStatusQuery;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * Evaluates one job at a time with an {@link Evaluator} and pulls the next from whichever manager
 * signalled work. Registered with the Receptionist, so managers on any node find it. A job's
 * result is sent before the worker asks for more: the manager never sees a worker ask for work
 * while its previous job is unconfirmed.
 */
public final class EvaluatorWorker {
  public static final ServiceKey<WorkerCommand> SERVICE_KEY =
      ServiceKey.create(WorkerCommand.class, "mtnas-evaluator");

  /**
   * The service's own pool, which also registers under {@link #SERVICE_KEY}: a search whose tasks
   * train is served by it alone (worker nodes evaluate tabular tasks only).
   */
  public static final ServiceKey<WorkerCommand> LOCAL_POOL_KEY =
      ServiceKey.create(WorkerCommand.class, "mtnas-evaluator-local");

  /** The device of a worker that evaluates on its node's CPUs (table lookups, CPU training). */
  public static final String CPU = "cpu";

  /** Jobs (from other searches' managers) that arrive while busy wait here. */
  private static final int STASH_CAPACITY = 10_000;

  private record Finished(Evaluate request, EvaluationOutcome outcome, long wallMicros)
      implements WorkerCommand, NoSerializationVerificationNeeded {}

  private final ActorContext<WorkerCommand> context;
  private final StashBuffer<WorkerCommand> stash;
  private final String workerId;
  private final String device;
  private final Function<String, Evaluator> evaluators;
  private final Executor blockingExecutor;
  private long jobsDone;
  private String current; // the search of the job in hand, null when idle
  /** Managers that signalled work while this worker was busy; asked once it is free. */
  private final Set<ActorRef<ManagerCommand>> signalledWhileBusy = new LinkedHashSet<>();

  private EvaluatorWorker(
      ActorContext<WorkerCommand> context,
      StashBuffer<WorkerCommand> stash,
      String workerId,
      String device,
      Function<String, Evaluator> evaluators,
      Executor blockingExecutor) {
    this.context = context;
    this.stash = stash;
    this.workerId = workerId;
    this.device = device;
    this.evaluators = evaluators;
    this.blockingExecutor = blockingExecutor;
  }

  /**
   * @param blockingExecutor where blocking evaluators run, off the actor's thread
   */
  public static Behavior<WorkerCommand> create(
      String workerId, Evaluator evaluator, Executor blockingExecutor) {
    return create(workerId, evaluator, SERVICE_KEY, blockingExecutor);
  }

  /** A worker registered under its own pool's key (a search that must not share workers). */
  public static Behavior<WorkerCommand> create(
      String workerId,
      Evaluator evaluator,
      ServiceKey<WorkerCommand> serviceKey,
      Executor blockingExecutor) {
    return shared(workerId, CPU, searchId -> evaluator, java.util.List.of(serviceKey), blockingExecutor);
  }

  /**
   * A worker that serves several searches, each with its own evaluator ({@code evaluators} by
   * search id; it is called on the worker's thread and must be thread-safe).
   *
   * @param device where its evaluator runs ({@code cpu}, {@code cuda:0}), as GET /workers says
   */
  public static Behavior<WorkerCommand> shared(
      String workerId,
      String device,
      Function<String, Evaluator> evaluators,
      java.util.List<ServiceKey<WorkerCommand>> serviceKeys,
      Executor blockingExecutor) {
    return Behaviors.setup(
        context -> {
          for (ServiceKey<WorkerCommand> key : serviceKeys) {
            context.getSystem().receptionist().tell(Receptionist.register(key, context.getSelf()));
          }
          context.getLog().debug("evaluator worker {} registered", workerId);
          return Behaviors.withStash(
              STASH_CAPACITY,
              stash ->
                  new EvaluatorWorker(context, stash, workerId, device, evaluators, blockingExecutor).idle());
        });
  }

  private Behavior<WorkerCommand> idle() {
    return Behaviors.receive(WorkerCommand.class)
        .onMessage(WorkReady.class, this::onWorkReady)
        .onMessage(Evaluate.class, this::start)
        .onMessage(WorkerStatusQuery.class, this::status)
        .build();
  }

  private Behavior<WorkerCommand> busy() {
    return Behaviors.receive(WorkerCommand.class)
        .onMessage(Finished.class, this::onFinished)
        .onMessage(WorkReady.class, m -> {
          signalledWhileBusy.add(m.manager());
          return Behaviors.same();
        })
        .onMessage(Evaluate.class, m -> {
          stash.stash(m);
          return Behaviors.same();
        })
        .onMessage(WorkerStatusQuery.class, this::status)
        .build();
  }

  private Behavior<WorkerCommand> status(WorkerStatusQuery m) {
    m.replyTo().tell(new WorkerStatus(workerId, context.getSystem().address().toString(), device, current != null,
        Optional.ofNullable(current), jobsDone));
    return Behaviors.same();
  }

  private Behavior<WorkerCommand> onWorkReady(WorkReady m) {
    m.manager().tell(new RequestWork(context.getSelf(), workerId));
    return Behaviors.same();
  }

  private Behavior<WorkerCommand> start(Evaluate request) {
    long started = System.nanoTime();
    Evaluator evaluator = evaluators.apply(request.searchId());
    current = request.searchId();
    if (evaluator == null) {
      return onFinished(new Finished(request, crashed(request,
          new IllegalStateException("no evaluator for search " + request.searchId() + " (it ended)")), 0));
    }
    if (evaluator.nonBlocking()) {
      // Table lookups: a thread hop would cost more than the evaluation.
      return onFinished(new Finished(request, evaluateSafely(evaluator, request), micros(started)));
    }
    context.pipeToSelf(
        CompletableFuture.supplyAsync(() -> evaluateSafely(evaluator, request), blockingExecutor),
        (outcome, error) ->
            new Finished(
                request,
                outcome != null ? outcome : crashed(request, error),
                micros(started)));
    return busy();
  }

  private Behavior<WorkerCommand> onFinished(Finished f) {
    jobsDone++;
    current = null;
    f.request()
        .manager()
        .tell(new Evaluated(f.request().searchId(), f.outcome(), context.getSelf(), workerId, f.wallMicros()));
    ActorRef<ManagerCommand> manager = f.request().manager();
    manager.tell(new RequestWork(context.getSelf(), workerId));
    signalledWhileBusy.remove(manager);
    signalledWhileBusy.forEach(other -> other.tell(new RequestWork(context.getSelf(), workerId)));
    signalledWhileBusy.clear();
    return stash.unstashAll(idle());
  }

  /**
   * Whatever escapes the evaluator, an Error or a checked exception smuggled past the compiler
   * included, is the job's CRASHED failure, not the worker's: a worker that died of it is never
   * replaced, so a job that throws would take one worker per attempt. (Blocking evaluators got
   * this already: CompletableFuture catches every Throwable.)
   */
  private static EvaluationOutcome evaluateSafely(Evaluator evaluator, Evaluate request) {
    try {
      return evaluator.evaluate(request.job());
    } catch (Throwable e) {
      return crashed(request, e);
    }
  }

  private static EvaluationOutcome crashed(Evaluate request, Throwable error) {
    return new EvaluationOutcome.Failed(
        request.job().id(),
        request.job().architecture(),
        FailureKind.CRASHED,
        "evaluator threw " + error);
  }

  private static long micros(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000;
  }
}
