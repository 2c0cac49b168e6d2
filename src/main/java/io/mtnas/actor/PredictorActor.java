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
import io.mtnas.domain.space.Architecture;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
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
 */
public final class PredictorActor extends AbstractBehavior<PredictorActor.Command> {

  public interface Command {}

  /** Score the target task's candidates with what was known after outcome {@code asOf}. */
  public record Score(String target, long asOf, List<Architecture> candidates, ActorRef<Scores> replyTo)
      implements Command, NoSerializationVerificationNeeded {}

  /** One score per candidate (higher = better), or empty when there is nothing to learn from yet. */
  public record Scores(Optional<double[]> scores) implements NoSerializationVerificationNeeded {}

  private record Trained(String target, int dataSize, Optional<TaskModel> model, Throwable error)
      implements Command, NoSerializationVerificationNeeded {}

  private record ModelKey(String target, int dataSize) {}

  private final FeatureMap features;
  private final Regressor regressor;
  private final PredictorSettings settings;
  private final RetrainSchedule retrain;
  private final Map<String, Direction> directions;
  private final Executor trainingExecutor;
  private final AsOfQueue<Score> queue = new AsOfQueue<>(Score::asOf);
  private final Map<ModelKey, List<Score>> waitingForModel = new HashMap<>();
  private final Map<String, ModelKey> latestKey = new HashMap<>();
  private final Map<String, Optional<TaskModel>> latestModel = new HashMap<>();
  private final Set<ModelKey> training = new HashSet<>();

  private PredictorActor(
      ActorContext<Command> context,
      FeatureMap features,
      Regressor regressor,
      PredictorSettings settings,
      RetrainSchedule retrain,
      Map<String, Direction> directions,
      Executor trainingExecutor) {
    super(context);
    this.features = features;
    this.regressor = regressor;
    this.settings = settings;
    this.retrain = retrain;
    this.directions = Map.copyOf(directions);
    this.trainingExecutor = trainingExecutor;
  }

  public static Behavior<Command> create(
      FeatureMap features,
      Regressor regressor,
      PredictorSettings settings,
      RetrainSchedule retrain,
      Map<String, Direction> directions,
      Executor trainingExecutor) {
    return Behaviors.setup(
        c -> new PredictorActor(c, features, regressor, settings, retrain, directions, trainingExecutor));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(OutcomeObserved.class, this::onObserve)
        .onMessage(Score.class, this::onScore)
        .onMessage(Trained.class, this::onTrained)
        .build();
  }

  private Behavior<Command> onObserve(OutcomeObserved o) {
    queue.observe(o.sequence(), o.observation()).forEach(this::serve);
    return this;
  }

  private Behavior<Command> onScore(Score s) {
    if (queue.offer(s)) {
      serve(s);
    }
    return this;
  }

  private void serve(Score s) {
    List<Observation> data = queue.dataFor(s, retrain.trainingPoint(s.asOf()));
    ModelKey key = new ModelKey(s.target(), data.size());
    if (key.equals(latestKey.get(s.target()))) {
      reply(s, latestModel.get(s.target()));
      return;
    }
    waitingForModel.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
    if (training.add(key)) {
      List<Observation> snapshot = data; // already a copy: later observations cannot change it
      getContext().pipeToSelf(
          CompletableFuture.supplyAsync(
              () -> TaskPredictors.train(s.target(), snapshot, directions, features, regressor, settings),
              trainingExecutor),
          (model, error) -> new Trained(s.target(), snapshot.size(), model == null ? Optional.empty() : model, error));
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
      latestModel.put(t.target(), t.model());
    }
    for (Score s : waitingForModel.getOrDefault(key, List.of())) {
      reply(s, t.model());
    }
    waitingForModel.remove(key);
    return this;
  }

  private void reply(Score s, Optional<TaskModel> model) {
    if (model.isEmpty() || s.candidates().isEmpty()) {
      s.replyTo().tell(new Scores(Optional.empty()));
      return;
    }
    s.replyTo().tell(new Scores(Optional.of(model.get().score(s.candidates(), features))));
  }
}
