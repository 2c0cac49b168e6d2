package io.mtnas.actor;

import io.mtnas.domain.embedding.Embedder;
import io.mtnas.domain.evaluation.Direction;
import io.mtnas.domain.predictor.Observation;
import io.mtnas.domain.predictor.AsOfQueue;
import io.mtnas.domain.predictor.TaskOrder;
import io.mtnas.domain.search.PriorResults;
import io.mtnas.domain.random.DerivedRandom;
import io.mtnas.domain.search.TransferSpec;
import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.transfer.Label;
import io.mtnas.domain.transfer.Offer;
import io.mtnas.domain.transfer.TransferCandidates;
import io.mtnas.domain.transfer.TransferHistory;
import io.mtnas.domain.transfer.TransferRank;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Decides which architectures cross from one task to another (transfer rank, or random transfer).
 * It keeps each target's Historical Transfer Set from the labels the target reports and offers the
 * other tasks' current populations, rebuilt from the search's results ({@link TransferCandidates}). Like the predictor it answers a request from
 * the results numbered up to its {@code asOf}, and draws from generators derived from (seed, target, round), so
 * decisions do not depend on message timing.
 */
public final class TransferArbiter extends AbstractBehavior<TransferArbiter.Command> {

  public interface Command {}

  /** A target decided the label of an architecture transferred to it. */
  public record Labelled(Label label) implements Command, NoSerializationVerificationNeeded {}

  /** A question answered from exactly the results numbered up to its {@code asOf}. */
  sealed interface AsOf extends Command {
    long asOf();
  }

  /** Propose transfers for {@code target}'s round {@code round} as of outcome {@code asOf}. */
  public record Propose(String target, long asOf, int round, ActorRef<Proposed> replyTo)
      implements AsOf, NoSerializationVerificationNeeded {}

  /** The first population of a task that joined: {@code size} of the other tasks' current members, best first. */
  public record WarmStart(String target, long asOf, int size, ActorRef<PredictorActor.WarmPicks> replyTo)
      implements AsOf, NoSerializationVerificationNeeded {}

  /** A task joined: its results are read in {@code direction}. */
  public record AddTask(String task, Direction direction) implements Command, NoSerializationVerificationNeeded {}

  public record Proposed(TransferRank.Decision decision) implements NoSerializationVerificationNeeded {}

  private final List<String> tasks;
  private final int populationSize;
  private final TransferSpec settings;
  private final Embedder embedder;
  private final ProgressEvents events;
  private final AsOfQueue<AsOf> queue = new AsOfQueue<>(AsOf::asOf);
  private final Map<String, Direction> directions = new HashMap<>();
  private final Map<String, TransferHistory> histories = new HashMap<>();
  private final long seed;
  /** Earlier searches' results (warm_from): their tasks' final populations are offered too. */
  private final PriorResults prior;

  private TransferArbiter(
      ActorContext<Command> context,
      List<String> tasks,
      Map<String, Direction> directions,
      int populationSize,
      TransferSpec settings,
      Embedder embedder,
      long seed,
      PriorResults prior,
      ProgressEvents events) {
    super(context);
    this.prior = prior;
    this.directions.putAll(directions);
    this.tasks = List.copyOf(tasks);
    this.populationSize = populationSize;
    this.settings = settings;
    this.embedder = embedder;
    this.events = events;
    this.seed = seed;
  }

  /** @param seed the search's seed: each decision draws from (seed, target, round), see {@link DerivedRandom} */
  public static Behavior<Command> create(
      List<String> tasks, Map<String, Direction> directions, int populationSize, TransferSpec settings,
      Embedder embedder, long seed, PriorResults prior, ProgressEvents events) {
    return Behaviors.setup(c -> new TransferArbiter(c, tasks, directions, populationSize, settings, embedder, seed,
        prior, events));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(OutcomeObserved.class, this::onObserve)
        .onMessage(Labelled.class, this::onLabelled)
        .onMessage(Propose.class, this::onPropose)
        .onMessage(WarmStart.class, this::onPropose)
        .onMessage(AddTask.class, m -> {
          directions.putIfAbsent(m.task(), m.direction());
          return this;
        })
        .build();
  }

  private Behavior<Command> onObserve(OutcomeObserved o) {
    queue.observe(o.sequence(), o.observation()).forEach(this::decide);
    return this;
  }

  private Behavior<Command> onLabelled(Labelled l) {
    histories.put(l.label().target(), history(l.label().target()).with(l.label()));
    return this;
  }

  /** A target's labels: those of earlier searches' tasks of its name (warm_from) first, then its own. */
  private TransferHistory history(String target) {
    return histories.computeIfAbsent(target, prior::history);
  }

  private Behavior<Command> onPropose(AsOf p) {
    if (queue.offer(p)) {
      decide(p);
    }
    return this;
  }

  private void decide(AsOf request) {
    if (request instanceof WarmStart w) {
      List<Observation> known = prior.before(queue.dataFor(w));
      List<Offer> elites = io.mtnas.domain.transfer.WarmStart.elites(w.target(), TaskOrder.of(tasks, known, w.target()),
          populationSize, known, directions, Integer.MAX_VALUE);
      w.replyTo().tell(new PredictorActor.WarmPicks(io.mtnas.domain.transfer.WarmStart.voted(elites,
          history(w.target()).active(0, settings.negativeWindow()), embedder, w.size())));
      return;
    }
    Propose p = (Propose) request;
    List<Observation> known = prior.before(queue.dataFor(p));
    // a task that joined takes part once its first result is known (or as the asking target)
    List<Offer> candidates = TransferCandidates.of(p.target(), TaskOrder.of(tasks, known, p.target()), populationSize,
        known);
    TransferRank.Decision decision = TransferRank.decide(
        p.target(), p.round(), candidates, history(p.target()), settings,
        embedder,
        DerivedRandom.of(seed, "arbiter/" + p.target(), "transfer", p.round()));
    Set<Architecture> accepted = new HashSet<>();
    decision.accepted().forEach(o -> accepted.add(o.architecture()));
    for (Offer o : decision.considered()) {
      events.transferDecided(p.target(), o.source(), o.architecture(), o.score(), accepted.contains(o.architecture()),
          decision.rule(), p.round());
    }
    if (decision.skipped()) {
      events.transferSkipped(p.target(), decision.rule(), p.round());
    }
    p.replyTo().tell(new Proposed(decision));
  }
}
