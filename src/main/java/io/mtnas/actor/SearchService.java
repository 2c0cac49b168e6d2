package io.mtnas.actor;

import io.mtnas.domain.evaluation.Evaluator;
import io.mtnas.domain.search.EvaluationRecord;
import io.mtnas.domain.search.SearchResources;
import io.mtnas.domain.search.SearchSpec;
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
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * The shell of {@code mtnas serve}: holds the {@link SearchRegistry} value and the evaluations of
 * each search, runs searches through a {@link SearchHost} child (each with its own local workers,
 * at most {@code maxRunning} at once, the rest QUEUED) and answers the HTTP layer's questions.
 * Every decision is the registry's; this actor only starts, stops and stores.
 */
public final class SearchService extends AbstractBehavior<SearchService.Command> {

  public interface Command extends NoSerializationVerificationNeeded {}

  /** What a search needs from the edges: its evaluator (closed when it ends) and its resources. */
  public interface Launcher {
    Evaluator evaluator(SearchSpec spec);

    SearchResources resources(SearchSpec spec);
  }

  /** Where finished searches' files go (report.json, evaluations.csv), and go away on delete. */
  public interface Output {
    void finished(SearchEntry entry, List<EvaluationRecord> records);

    void deleted(String id);
  }

  public record Submit(String id, SearchSpec spec, Optional<String> idempotencyKey,
      ActorRef<SearchRegistry.Outcome> replyTo) implements Command {}

  public record Get(String id, ActorRef<Optional<SearchEntry>> replyTo) implements Command {}

  public record ListSearches(Optional<SearchState> state, ActorRef<List<SearchEntry>> replyTo)
      implements Command {}

  public record Cancel(String id, ActorRef<SearchRegistry.Outcome> replyTo) implements Command {}

  public record Delete(String id, ActorRef<SearchRegistry.Outcome> replyTo) implements Command {}

  /** A search with its evaluations so far, in arrival order. */
  public record Evaluations(String id, ActorRef<Optional<EvaluationsView>> replyTo) implements Command {}

  public record EvaluationsView(SearchEntry entry, List<EvaluationRecord> records)
      implements NoSerializationVerificationNeeded {}

  private record Recorded(String id, EvaluationRecord record) implements Command {}

  private record Ended(String id, SearchCoordinator.Done done, Throwable error) implements Command {}

  private final ActorRef<SearchHost.RunSearch> host;
  private final Launcher launcher;
  private final Output output;
  private final int maxRunning;
  private SearchRegistry registry = SearchRegistry.empty();
  private final Map<String, List<EvaluationRecord>> records = new HashMap<>();
  private final Map<String, CompletableFuture<SearchCoordinator.Done>> running = new HashMap<>();
  private final Map<String, Evaluator> evaluators = new HashMap<>();

  private SearchService(ActorContext<Command> context, WorkSettings work, Executor blocking, Launcher launcher,
      Output output, int maxRunning) {
    super(context);
    this.host = context.spawn(SearchHost.create(work, blocking), "searches");
    this.launcher = launcher;
    this.output = output;
    this.maxRunning = maxRunning;
  }

  /** @param maxRunning searches that run at once; later ones wait QUEUED */
  public static Behavior<Command> create(
      WorkSettings work, Executor blocking, Launcher launcher, Output output, int maxRunning) {
    if (maxRunning < 1) {
      throw new IllegalArgumentException("maxRunning must be >= 1, got " + maxRunning);
    }
    return Behaviors.setup(context -> new SearchService(context, work, blocking, launcher, output, maxRunning));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Submit.class, this::onSubmit)
        .onMessage(Get.class, m -> {
          m.replyTo().tell(registry.get(m.id()));
          return this;
        })
        .onMessage(ListSearches.class, m -> {
          m.replyTo().tell(registry.list(m.state()));
          return this;
        })
        .onMessage(Evaluations.class, m -> {
          m.replyTo().tell(registry.get(m.id()).map(e ->
              new EvaluationsView(e, List.copyOf(records.getOrDefault(m.id(), List.of())))));
          return this;
        })
        .onMessage(Cancel.class, this::onCancel)
        .onMessage(Delete.class, this::onDelete)
        .onMessage(Recorded.class, m -> {
          registry = registry.recorded(m.id(), m.record());
          List<EvaluationRecord> list = records.get(m.id());
          if (list != null && running.containsKey(m.id())) {
            list.add(m.record());
          }
          return this;
        })
        .onMessage(Ended.class, this::onEnded)
        .build();
  }

  private Behavior<Command> onSubmit(Submit m) {
    SearchRegistry.Outcome outcome = registry.submit(m.id(), m.spec(), m.idempotencyKey());
    registry = outcome.registry();
    if (outcome.kind() == SearchRegistry.Kind.CREATED) {
      records.put(m.id(), new ArrayList<>());
      startWhatFits();
    }
    m.replyTo().tell(outcome.registry() == registry ? outcome : withRegistry(outcome));
    return this;
  }

  private Behavior<Command> onCancel(Cancel m) {
    SearchRegistry.Outcome outcome = registry.cancel(m.id());
    registry = outcome.registry();
    if (outcome.wasRunning()) {
      CompletableFuture<SearchCoordinator.Done> future = running.remove(m.id());
      if (future != null) {
        future.cancel(false);
      }
      closeEvaluator(m.id());
      getContext().getLog().info("search {} cancelled while running", m.id());
    }
    startWhatFits();
    m.replyTo().tell(outcome);
    return this;
  }

  private Behavior<Command> onDelete(Delete m) {
    SearchRegistry.Outcome outcome = registry.delete(m.id());
    registry = outcome.registry();
    if (outcome.kind() == SearchRegistry.Kind.CHANGED) {
      records.remove(m.id());
      try {
        output.deleted(m.id());
      } catch (RuntimeException e) {
        getContext().getLog().warn("search {}: could not delete its files: {}", m.id(), e.toString());
      }
    }
    m.replyTo().tell(outcome);
    return this;
  }

  private Behavior<Command> onEnded(Ended m) {
    running.remove(m.id());
    closeEvaluator(m.id());
    if (m.done() != null) {
      registry = registry.finished(m.id(), m.done().report());
      Optional<SearchEntry> entry = registry.get(m.id());
      if (entry.isPresent() && entry.get().state() == SearchState.FINISHED) {
        records.put(m.id(), new ArrayList<>(m.done().records()));
        try {
          output.finished(entry.get(), m.done().records());
        } catch (RuntimeException e) {
          getContext().getLog().error("search {}: could not write its files: {}", m.id(), e.toString());
        }
      }
    } else {
      Throwable cause = m.error() instanceof CompletionException && m.error().getCause() != null
          ? m.error().getCause() : m.error();
      if (!(cause instanceof CancellationException)) {
        getContext().getLog().error("search {} failed: {}", m.id(), cause.toString());
        registry = registry.failed(m.id(), cause.getMessage() != null ? cause.getMessage() : cause.toString());
      }
    }
    startWhatFits();
    return this;
  }

  private void startWhatFits() {
    for (String id : registry.startable(maxRunning)) {
      registry = registry.started(id);
      SearchSpec spec = registry.get(id).orElseThrow().spec();
      Evaluator evaluator;
      var result = new CompletableFuture<SearchCoordinator.Done>();
      try {
        evaluator = launcher.evaluator(spec);
        evaluators.put(id, evaluator);
        ActorRef<Command> self = getContext().getSelf();
        host.tell(new SearchHost.RunSearch(id, spec, evaluator, spec.workers(),
            ServiceKey.create(WorkerCommand.class, "mtnas-evaluator-" + id),
            record -> self.tell(new Recorded(id, record)), result, launcher.resources(spec)));
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
      running.put(id, result);
      getContext().pipeToSelf(result, (done, error) -> new Ended(id, done, error));
    }
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
    return new SearchRegistry.Outcome(registry, o.kind(), o.entry().flatMap(e -> registry.get(e.id())), o.wasRunning());
  }
}
