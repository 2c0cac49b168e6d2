package io.mtnas.actor;

import io.mtnas.domain.evaluation.EvaluationOutcome;
import io.mtnas.domain.events.EventStream;
import io.mtnas.domain.events.EventSubscriber;
import io.mtnas.domain.events.Subscription;
import io.mtnas.domain.search.SearchReport;
import io.mtnas.domain.search.SearchSpec;
import io.mtnas.domain.search.TaskResult;
import io.mtnas.domain.search.TaskSpec;
import io.mtnas.domain.space.Architecture;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The progress events of docs/events.md, published to the search's {@link EventStream}: every
 * subscriber (the JSON lines of logger {@code mtnas.progress}, a live view, later a server-sent
 * event endpoint) gets them numbered by {@code seq}, on its own thread, and a slow one loses events
 * (with a {@code gap} notice) rather than holding up the actor that published. Every event carries
 * {@code event} and {@code search}; task-level events carry {@code task}, and architecture-level
 * events {@code arch} and {@code work}, so {@code jq} can follow one search, task or architecture.
 * Field names are a public contract: change them only together with docs/events.md.
 */
public final class ProgressEvents {
  /** Events that may wait for one subscriber before new ones are dropped (mtnas.events.buffer-capacity). */
  public static final int DEFAULT_BUFFER_CAPACITY = 16_384;

  /** How long the end of a search waits for its subscribers to be handed the last events. */
  static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private static final AtomicInteger THREADS = new AtomicInteger();

  /**
   * Where subscribers are called: a growing pool of daemon threads, so a subscriber that blocks
   * holds one thread and never another subscriber's (each subscription drains on at most one
   * thread at a time, and on none while it has nothing buffered).
   */
  private static final ExecutorService DELIVERY =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "mtnas-events-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
          });

  private final EventStream stream;

  /** A search whose events go to the JSON-lines logger, with the default buffer. */
  public ProgressEvents(String searchId) {
    this(logged(searchId, DEFAULT_BUFFER_CAPACITY));
  }

  /** Publishes to {@code stream}; whoever made it subscribes to it and closes it. */
  public ProgressEvents(EventStream stream) {
    this.stream = stream;
  }

  /**
   * A new stream for a search with the JSON-lines logger as its first subscriber (when logger
   * {@code mtnas.progress} is on at INFO: {@code mtnas bench} turns it off).
   *
   * @param bufferCapacity the logger's buffer, in events
   */
  public static ProgressEvents logging(String searchId, int bufferCapacity) {
    return new ProgressEvents(logged(searchId, bufferCapacity));
  }

  private static EventStream logged(String searchId, int bufferCapacity) {
    EventStream stream = new EventStream(searchId);
    if (ProgressLog.enabled()) {
      stream.subscribe("json-lines", bufferCapacity, DELIVERY, new ProgressLog());
    }
    return stream;
  }

  public EventStream stream() {
    return stream;
  }

  /** Subscribes from the next event on, called on a thread of its own. */
  public Subscription subscribe(String name, int bufferCapacity, EventSubscriber subscriber) {
    return stream.subscribe(name, bufferCapacity, DELIVERY, subscriber);
  }

  /**
   * Ends the stream: completes once every subscriber has been handed every event published so far
   * (and told that the stream ended), or after {@link #CLOSE_TIMEOUT} when one of them is stuck.
   * Events published later are dropped.
   */
  public CompletableFuture<Void> close() {
    return stream.close().copy().completeOnTimeout(null, CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The fields of one event, in the order they are written. */
  private final class Event {
    private final String name;
    private final Map<String, Object> fields = new LinkedHashMap<>(16);

    Event(String name) {
      this.name = name;
    }

    Event with(String key, Object value) {
      fields.put(key, value);
      return this;
    }

    void publish() {
      stream.publish(name, fields);
    }
  }

  private Event event(String name) {
    return new Event(name);
  }

  public void searchStarted(SearchSpec spec) {
    event("search_started")
        .with("name", spec.name())
        .with("space", spec.space())
        .with("seed", spec.seed())
        .with("workers", spec.workers())
        .with("strategy", spec.strategy().kind().id())
        .with("tasks", spec.startingTasks().stream().map(TaskSpec::name).toList())
        .publish();
  }

  /** A task joined the running search after {@code afterDelivery} evaluations of all tasks. */
  public void taskJoined(TaskSpec task, long afterDelivery) {
    event("task_joined")
        .with("task", task.name())
        .with("benchmark", task.benchmark())
        .with("fitness", task.fitness())
        .with("budget", task.budget())
        .with("after_evaluations", afterDelivery)
        .publish();
  }

  public void evaluated(
      String task,
      EvaluationOutcome.Scored outcome,
      int evaluation,
      double bestSoFar,
      String origin,
      String worker,
      long wallMicros,
      long elapsedMillis) {
    event("evaluation")
        .with("task", task)
        .with("arch", outcome.architecture().toString())
        .with("work", outcome.jobId().toString())
        .with("evaluation", evaluation)
        .with("fitness", outcome.fitness())
        .with("best", bestSoFar)
        .with("origin", origin)
        .with("cost_s", outcome.costSeconds())
        .with("worker", worker)
        .with("wall_ms", wallMicros / 1000.0)
        .with("elapsed_ms", elapsedMillis)
        .publish();
  }

  public void newBest(String task, Architecture arch, double fitness, int evaluation) {
    event("new_best")
        .with("task", task)
        .with("arch", arch.toString())
        .with("fitness", fitness)
        .with("evaluation", evaluation)
        .publish();
  }

  public void taskSolved(String task, Architecture arch, double fitness, double threshold, int evaluation) {
    event("task_solved")
        .with("task", task)
        .with("arch", arch.toString())
        .with("fitness", fitness)
        .with("threshold", threshold)
        .with("evaluation", evaluation)
        .publish();
  }

  public void evaluationFailed(String task, EvaluationOutcome.Failed failed, int attempt, boolean willRetry) {
    event("evaluation_failed")
        .with("task", task)
        .with("arch", failed.architecture().toString())
        .with("work", failed.jobId().toString())
        .with("kind", failed.kind().name().toLowerCase(java.util.Locale.ROOT))
        .with("reason", failed.reason())
        .with("attempt", attempt)
        .with("will_retry", willRetry)
        .publish();
  }

  public void taskFinished(TaskResult result) {
    Event e =
        event("task_finished")
            .with("task", result.task())
            .with("evaluations", result.evaluations())
            .with("failures", result.failures())
            .with("solved", result.solved());
    result.best().ifPresent(a -> e.with("arch", a.toString()));
    if (!Double.isNaN(result.bestFitness())) {
      e.with("fitness", result.bestFitness());
    }
    result.evaluationsToThreshold().ifPresent(n -> e.with("evaluations_to_threshold", n));
    e.publish();
  }

  public void workerJoined(String worker) {
    event("worker_joined").with("worker", worker).publish();
  }

  public void workerLeft(String worker, int requeuedJobs) {
    event("worker_left").with("worker", worker).with("requeued", requeuedJobs).publish();
  }

  /** A task took a new budget; {@code finished}: it has ended under it (else it runs, or runs again). */
  public void budgetChanged(String task, int budget, boolean finished) {
    event("budget_changed").with("task", task).with("budget", budget).with("finished", finished).publish();
  }

  /** A restarted search got back every outcome it had stored and goes on with real workers. */
  public void searchRecovered(int replayed) {
    event("search_recovered").with("replayed", replayed).publish();
  }

  public void searchFinished(SearchReport report) {
    Event e =
        event("search_finished")
            .with("evaluations", report.totalEvaluations())
            .with("all_solved", report.allSolved())
            .with("wall_ms", report.wallMillis());
    report.totalEvaluationsToThreshold().ifPresent(n -> e.with("evaluations_to_threshold", n));
    e.publish();
  }

  /** One candidate the transfer arbiter weighed for a target, taken or not. */
  public void transferDecided(
      String target, String source, Architecture arch, double score, boolean accepted, String rule, int round) {
    event("transfer_decided")
        .with("task", target)
        .with("source", source)
        .with("arch", arch.toString())
        .with("score", score)
        .with("accepted", accepted)
        .with("rule", rule)
        .with("round", round)
        .publish();
  }

  /** A round in which the arbiter transferred nothing to the target. */
  public void transferSkipped(String target, String rule, int round) {
    event("transfer_skipped").with("task", target).with("rule", rule).with("round", round).publish();
  }

  /** A transferred architecture's label, decided by its children's ranks on the target. */
  public void transferLabelled(String target, String source, Architecture arch, boolean positive, int round) {
    event("transfer_labelled")
        .with("task", target)
        .with("source", source)
        .with("arch", arch.toString())
        .with("label", positive ? "positive" : "negative")
        .with("round", round)
        .publish();
  }
}
