package io.mtnas.actor;

import io.mtnas.domain.evaluation.Direction;
import io.mtnas.domain.predictor.FeatureMap;
import io.mtnas.domain.predictor.TaskModel;
import io.mtnas.domain.predictor.Observation;
import io.mtnas.domain.predictor.AsOfQueue;
import io.mtnas.domain.predictor.PredictorSettings;
import io.mtnas.domain.predictor.RetrainSchedule;
import io.mtnas.domain.predictor.Regressor;
import io.mtnas.domain.predictor.TaskPredictors;
import io.mtnas.domain.predictor.TaskOrder;
import io.mtnas.domain.search.PriorResults;
import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.transfer.Offer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The search's shared embedding and predictor: it sees every task's results and scores a task's
 * candidates with that task's model. A request is answered from exactly the results numbered up
 * to its {@code asOf} (waiting until they have all arrived), so a seeded single-worker search
 * trains the same models every run; with a {@link RetrainSchedule}, from the results up to the last
 * training point at or before it. Training runs on the blocking executor and its model is piped
 * back; the mailbox never waits for it. A model is reused while no new result would change it.
 *
 * <p>Scoring a pool (a Gaussian process or a forest over every candidate) runs off the actor too,
 * on dispatcher {@code mtnas.predictor-dispatcher} (the training executor where the configuration
 * has none), one pool at a time per predictor; the scores are piped back and the replies leave in
 * the order the requests were answered, whatever order the scoring finishes in, so a seeded run
 * answers every question exactly as before.
 */
public final class PredictorActor extends AbstractBehavior<PredictorActor.Command> {

  public interface Command {}

  /** A question answered from exactly the results numbered up to its {@code asOf}. */
  sealed interface AsOf extends Command {
    long asOf();
  }

  /** Score the target task's candidates with what was known after outcome {@code asOf}. */
  public record Score(String target, long asOf, List<Architecture> candidates, ActorRef<Scores> replyTo)
      implements AsOf, NoSerializationVerificationNeeded {}

  /**
   * The {@code size} architectures of the search's archive (everything evaluated up to {@code
   * asOf}) that the target's model, learnt from the other tasks, ranks best: the first population
   * of a task that joins.
   */
  public record WarmStart(String target, long asOf, int size, ActorRef<WarmPicks> replyTo)
      implements AsOf, NoSerializationVerificationNeeded {}

  /** Best first; empty when there was nothing to learn from. */
  public record WarmPicks(List<Offer> picks) implements NoSerializationVerificationNeeded {}

  private record WarmReady(ActorRef<WarmPicks> replyTo, List<Offer> picks, Throwable error)
      implements Command, NoSerializationVerificationNeeded {}

  /** One score per candidate (higher = better), or empty when there is nothing to learn from yet. */
  public record Scores(Optional<double[]> scores) implements NoSerializationVerificationNeeded {}

  /** A task joined the search: its results are read in {@code direction}. */
  public record AddTask(String task, Direction direction) implements Command, NoSerializationVerificationNeeded {}

  /** A model and the encoding it was trained on (wider once a task has joined). */
  private record Fit(Optional<TaskModel> model, FeatureMap features) {}

  private record Trained(String target, int dataSize, Fit fit, Throwable error)
      implements Command, NoSerializationVerificationNeeded {}

  /** A pool scored off the actor: answer number {@code ticket}, with its scores or the failure. */
  private record Scored(long ticket, Score request, double[] scores, Throwable error)
      implements Command, NoSerializationVerificationNeeded {}

  private record ModelKey(String target, int dataSize) {}

  /** A reply ready to leave once every earlier one has. */
  private record Reply(ActorRef<Scores> to, Scores scores) {}

  static final String SCORING_DISPATCHER = "mtnas.predictor-dispatcher";

  private final FeatureMap features;
  private final Regressor regressor;
  private final PredictorSettings settings;
  private final RetrainSchedule retrain;
  private final Map<String, Direction> directions = new HashMap<>();
  private final Executor trainingExecutor;
  /** Earlier searches' results (warm_from): part of every question's data, before the search's own. */
  private final PriorResults prior;
  private final AsOfQueue<AsOf> queue = new AsOfQueue<>(AsOf::asOf);
  private final Map<ModelKey, List<Score>> waitingForModel = new HashMap<>();
  private final Map<String, ModelKey> latestKey = new HashMap<>();
  private final Map<String, Fit> latestModel = new HashMap<>();
  private final Set<ModelKey> training = new HashSet<>();
  private final Executor scoringExecutor;
  private final Map<Long, Reply> ready = new HashMap<>();
  private long nextTicket;
  private long nextToSend;
  /** The last pool scoring queued: the next one starts after it, so a model is never used by two at once. */
  private CompletableFuture<Void> scoringTail = CompletableFuture.completedFuture(null);

  private PredictorActor(
      ActorContext<Command> context,
      FeatureMap features,
      Regressor regressor,
      PredictorSettings settings,
      RetrainSchedule retrain,
      Map<String, Direction> directions,
      PriorResults prior,
      Executor trainingExecutor) {
    super(context);
    this.prior = prior;
    this.features = features;
    this.regressor = regressor;
    this.settings = settings;
    this.retrain = retrain;
    this.directions.putAll(directions);
    this.trainingExecutor = trainingExecutor;
    this.scoringExecutor = context.getSystem().settings().config().hasPath(SCORING_DISPATCHER)
        ? context.getSystem().dispatchers().lookup(DispatcherSelector.fromConfig(SCORING_DISPATCHER))
        : trainingExecutor;
  }

  public static Behavior<Command> create(
      FeatureMap features,
      Regressor regressor,
      PredictorSettings settings,
      RetrainSchedule retrain,
      Map<String, Direction> directions,
      Executor trainingExecutor) {
    return create(features, regressor, settings, retrain, directions, PriorResults.none(), trainingExecutor);
  }

  /** @param prior earlier searches' results, which every model learns from too */
  public static Behavior<Command> create(
      FeatureMap features,
      Regressor regressor,
      PredictorSettings settings,
      RetrainSchedule retrain,
      Map<String, Direction> directions,
      PriorResults prior,
      Executor trainingExecutor) {
    return Behaviors.setup(
        c -> new PredictorActor(c, features, regressor, settings, retrain, directions, prior, trainingExecutor));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(OutcomeObserved.class, this::onObserve)
        .onMessage(Score.class, this::onScore)
        .onMessage(WarmStart.class, this::onScore)
        .onMessage(WarmReady.class, m -> {
          if (m.error() != null) {
            getContext().getLog().warn("warm-starting a task failed: {}", m.error().toString());
          }
          m.replyTo().tell(new WarmPicks(m.error() == null ? m.picks() : List.of()));
          return this;
        })
        .onMessage(AddTask.class, m -> {
          directions.putIfAbsent(m.task(), m.direction());
          return this;
        })
        .onMessage(Trained.class, this::onTrained)
        .onMessage(Scored.class, this::onScored)
        .build();
  }

  private Behavior<Command> onObserve(OutcomeObserved o) {
    queue.observe(o.sequence(), o.observation()).forEach(this::serve);
    return this;
  }

  private Behavior<Command> onScore(AsOf s) {
    if (queue.offer(s)) {
      serve(s);
    }
    return this;
  }

  private void serve(AsOf request) {
    if (request instanceof WarmStart w) {
      warm(w);
    } else {
      serve((Score) request);
    }
  }

  /** Trains the target's model from every result up to the join and ranks the archive with it, off the actor. */
  private void warm(WarmStart w) {
    List<Observation> data = prior.before(queue.dataFor(w));
    Supplier<Fit> fitting = fitting(w.target(), data);
    getContext().pipeToSelf(CompletableFuture.supplyAsync(() -> {
      Fit fit = fitting.get();
      return fit.model().map(m -> io.mtnas.domain.transfer.WarmStart.bestOfArchive(data,
          pool -> m.score(pool, fit.features()), w.size())).orElse(List.of());
    }, trainingExecutor), (picks, error) -> new WarmReady(w.replyTo(), picks, error));
  }

  /**
   * Training the target's model on {@code data}, to run off the actor: in the encoding of the tasks
   * that data covers, with the directions known now.
   */
  private Supplier<Fit> fitting(String target, List<Observation> data) {
    FeatureMap encoding = features.withTasks(TaskOrder.of(features.tasks(), data, target));
    Map<String, Direction> known = Map.copyOf(directions);
    return () -> new Fit(TaskPredictors.train(target, data, known, encoding, regressor, settings), encoding);
  }

  private void serve(Score s) {
    List<Observation> data = prior.before(queue.dataFor(s, retrain.trainingPoint(s.asOf())));
    ModelKey key = new ModelKey(s.target(), data.size());
    if (key.equals(latestKey.get(s.target()))) {
      reply(s, latestModel.get(s.target()));
      return;
    }
    waitingForModel.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
    if (training.add(key)) {
      int size = data.size(); // data is a copy: later observations cannot change it
      getContext().pipeToSelf(CompletableFuture.supplyAsync(fitting(s.target(), data), trainingExecutor),
          (fit, error) -> new Trained(s.target(), size, fit == null ? new Fit(Optional.empty(), features) : fit,
              error));
    }
  }

  private Behavior<Command> onTrained(Trained t) {
    ModelKey key = new ModelKey(t.target(), t.dataSize());
    training.remove(key);
    if (t.error() != null) {
      getContext().getLog().warn("training the predictor of {} failed: {}", t.target(), t.error().toString());
    }
    ModelKey current = latestKey.get(t.target());
    if (current == null || current.dataSize() <= key.dataSize()) {
      latestKey.put(t.target(), key);
      latestModel.put(t.target(), t.fit());
    }
    for (Score s : waitingForModel.getOrDefault(key, List.of())) {
      reply(s, t.fit());
    }
    waitingForModel.remove(key);
    return this;
  }

  /** Answers {@code s}: at once when there is nothing to score, else once its pool is scored. */
  private void reply(Score s, Fit fit) {
    long ticket = nextTicket++;
    Optional<TaskModel> model = fit.model();
    if (model.isEmpty() || s.candidates().isEmpty()) {
      ready.put(ticket, new Reply(s.replyTo(), new Scores(Optional.empty())));
      sendReady();
      return;
    }
    TaskModel m = model.get();
    List<Architecture> candidates = s.candidates();
    CompletableFuture<double[]> scoring =
        scoringTail.thenApplyAsync(previous -> m.score(candidates, fit.features()), scoringExecutor);
    scoringTail = scoring.handle((scores, error) -> null);
    getContext().pipeToSelf(scoring, (scores, error) -> new Scored(ticket, s, scores, error));
  }

  private Behavior<Command> onScored(Scored m) {
    Optional<double[]> scores = Optional.ofNullable(m.scores());
    if (m.error() != null) {
      getContext().getLog().warn("scoring candidates of {} failed: {}", m.request().target(), m.error().toString());
      scores = Optional.empty();
    }
    ready.put(m.ticket(), new Reply(m.request().replyTo(), new Scores(scores)));
    sendReady();
    return this;
  }

  /** Sends the replies whose turn it is: in answer order, none before an earlier one. */
  private void sendReady() {
    for (Reply r = ready.remove(nextToSend); r != null; r = ready.remove(nextToSend)) {
      r.to().tell(r.scores());
      nextToSend++;
    }
  }
}
