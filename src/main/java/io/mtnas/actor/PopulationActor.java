package io.mtnas.actor;

import io.mtnas.domain.evaluation.EvaluationJob;
import io.mtnas.domain.evaluation.EvaluationOutcome;
import io.mtnas.domain.evaluation.EvaluationTask;
import io.mtnas.domain.population.Candidate;
import io.mtnas.domain.population.Individual;
import io.mtnas.domain.population.Origin;
import io.mtnas.domain.population.PopulationState;
import io.mtnas.domain.population.ProxyTrust;
import io.mtnas.domain.population.Proposal;
import io.mtnas.domain.population.GuidedChoice;
import io.mtnas.domain.predictor.Observation;
import io.mtnas.domain.predictor.ProxySource;
import io.mtnas.domain.search.EvaluationRecord;
import io.mtnas.domain.search.GuidanceSpec;
import io.mtnas.domain.search.TaskResult;
import io.mtnas.domain.search.TaskSpec;
import io.mtnas.domain.search.TransferSpec;
import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.transfer.Label;
import io.mtnas.domain.transfer.Offer;
import io.mtnas.domain.transfer.TransferLabels;
import io.mtnas.protocol.ManagerCommand;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;

/**
 * One task's steady-state evolution: whenever a result comes back it is integrated and new
 * candidates are proposed at once, keeping {@code parallelism} evaluations outstanding; there is
 * no generation barrier. All decisions are the pure {@link PopulationState}'s; this actor holds it
 * and the task's random generator, and reports each evaluation and the task's end.
 *
 * <p>Guided and transferring populations also talk to the shared predictor (to rank their
 * candidates) and to the transfer arbiter (once per round of {@code population_size}
 * evaluations). While such a question is open, results wait in a stash, so every decision is taken
 * on a state that does not change under it; questions carry the search-wide number of the last
 * outcome seen, which keeps the answers independent of timing.
 */
public final class PopulationActor extends AbstractBehavior<PopulationActor.Command> {
  private static final Duration ASK_TIMEOUT = Duration.ofMinutes(2);

  public interface Command {}

  /** Submit the first batch. */
  public enum Start implements Command, NoSerializationVerificationNeeded {
    INSTANCE
  }

  /** What the population tells whoever runs the search. */
  public sealed interface Report extends NoSerializationVerificationNeeded {}

  /** One evaluation integrated. */
  public record Recorded(EvaluationRecord record) implements Report {}

  /** The task wants nothing more and has nothing outstanding. */
  public record Finished(TaskResult result) implements Report {}

  /** An architecture transferred from {@code source} was evaluated on this task. */
  public record Transferred(String source, String target) implements Report {}

  /** A transferred architecture's label was decided. */
  public record TransferLabelled(Label label) implements Report {}

  /** The peers a guided or transferring population consults; either may be absent. */
  public record Peers(
      Optional<ActorRef<PredictorActor.Command>> predictor,
      Optional<ActorRef<TransferArbiter.Command>> arbiter,
      ProxySource proxies) {
    public static Peers none() {
      return new Peers(Optional.empty(), Optional.empty(), ProxySource.NONE);
    }
  }

  private record WrappedDelivered(WorkManager.Delivered delivered)
      implements Command, NoSerializationVerificationNeeded {}

  private record WrappedScores(List<Candidate> pool, int slots, Optional<double[]> scores)
      implements Command, NoSerializationVerificationNeeded {}

  private record WrappedTransfers(List<Offer> offers) implements Command, NoSerializationVerificationNeeded {}

  private final TaskSpec task;
  private final EvaluationTask evaluationTask;
  private final GuidanceSpec guidance;
  private final TransferSpec transfer;
  private final RandomGenerator rng;
  private final int parallelism;
  private final ActorRef<ManagerCommand> manager;
  private final ActorRef<Report> reportTo;
  private final ActorRef<WorkManager.Delivered> deliveries;
  private final Peers peers;
  private final ProgressEvents events;
  private final LongSupplier elapsedMillis;
  private final StashBuffer<Command> stash;
  private final Deque<Offer> pendingTransfers = new ArrayDeque<>();
  private final Map<Architecture, String> transferSources = new HashMap<>();
  private final List<EvaluationJob> batch = new ArrayList<>();
  private PopulationState state;
  private TransferLabels labels;
  private ProxyTrust proxyTrust;
  private long asOf;
  private int lastTransferRound;
  private boolean awaiting;
  private boolean finished;

  private PopulationActor(
      ActorContext<Command> context,
      StashBuffer<Command> stash,
      PopulationState initial,
      RandomGenerator rng,
      int parallelism,
      ActorRef<ManagerCommand> manager,
      ActorRef<Report> reportTo,
      Peers peers,
      ProgressEvents events,
      LongSupplier elapsedMillis) {
    super(context);
    this.stash = stash;
    this.state = initial;
    this.task = initial.task();
    this.evaluationTask = task.evaluationTask();
    this.guidance = initial.strategy().guidance();
    this.transfer = initial.strategy().transfer();
    this.labels = TransferLabels.of(task.name(), transfer.eliteRatio());
    this.proxyTrust = ProxyTrust.empty(task.direction());
    this.rng = rng;
    this.parallelism = parallelism;
    this.manager = manager;
    this.reportTo = reportTo;
    this.peers = peers;
    this.events = events;
    this.elapsedMillis = elapsedMillis;
    this.deliveries = context.messageAdapter(WorkManager.Delivered.class, WrappedDelivered::new);
  }

  /**
   * @param rng this task's own generator: its draws depend only on this task's results (and the
   *     timing-independent answers of its peers), so a seeded search is reproducible however the
   *     tasks' messages interleave
   * @param parallelism evaluations kept outstanding
   */
  public static Behavior<Command> create(
      PopulationState initial,
      RandomGenerator rng,
      int parallelism,
      ActorRef<ManagerCommand> manager,
      ActorRef<Report> reportTo,
      Peers peers,
      ProgressEvents events,
      LongSupplier elapsedMillis) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
    }
    return Behaviors.withStash(
        10_000,
        stash -> Behaviors.setup(
            context -> new PopulationActor(
                context, stash, initial, rng, parallelism, manager, reportTo, peers, events, elapsedMillis)));
  }


  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessageEquals(Start.INSTANCE, this::onStart)
        .onMessage(WrappedDelivered.class, m -> onDelivered(m.delivered()))
        .onMessage(WrappedScores.class, this::onScores)
        .onMessage(WrappedTransfers.class, this::onTransfers)
        .build();
  }

  private Behavior<Command> onStart() {
    if (awaiting) {
      stash.stash(Start.INSTANCE);
      return this;
    }
    return step();
  }

  private Behavior<Command> onDelivered(WorkManager.Delivered d) {
    if (awaiting) {
      stash.stash(new WrappedDelivered(d));
      return this;
    }
    EvaluationOutcome outcome = d.outcome();
    asOf = Math.max(asOf, d.sequence());
    observe(d.sequence(), outcome);
    if (!state.isOutstanding(outcome.jobId())) {
      getContext().getLog().warn("ignoring outcome of {}: not outstanding", outcome.jobId());
      return step(); // the manager still waits for this population's reply
    }
    Candidate candidate = state.outstanding(outcome.jobId()).orElseThrow();
    boolean wasSolved = state.solved();
    var bestBefore = state.best().map(Individual::fitness);
    state = state.integrate(outcome);
    String source = transferSources.remove(candidate.architecture());
    if (outcome instanceof EvaluationOutcome.Scored scored) {
      recordScored(scored, candidate, d, bestBefore.orElse(Double.NaN), wasSolved);
      proxyTrust = proxyMetric().map(m -> proxyTrust.with(peers.proxies().value(m, scored.architecture()),
          scored.fitness())).orElse(proxyTrust);
      if (source != null) {
        labels = labels.arrived(candidate.architecture(), source);
        reportTo.tell(new Transferred(source, task.name()));
      }
      updateLabels(candidate);
    }
    return step();
  }

  /** Every outcome goes to the peers, failures as gaps, so their "as of" prefix can complete. */
  private void observe(long sequence, EvaluationOutcome outcome) {
    Optional<Observation> o = outcome instanceof EvaluationOutcome.Scored s
        ? Optional.of(new Observation(sequence, task.name(), s.architecture(), s.fitness()))
        : Optional.empty();
    OutcomeObserved observed = new OutcomeObserved(sequence, o);
    peers.predictor().ifPresent(p -> p.tell(observed));
    peers.arbiter().ifPresent(a -> a.tell(observed));
  }

  private void updateLabels(Candidate candidate) {
    if (!transfer.enabled()) {
      return;
    }
    Optional<Individual> child = state.population().stream()
        .filter(i -> i.candidate().id().equals(candidate.id()))
        .findFirst();
    if (child.isEmpty()) {
      return;
    }
    var update = labels.integrated(child.get(), candidate.parent(), state.population(), task.direction(), round());
    labels = update.labels();
    for (Label l : update.decided()) {
      peers.arbiter().ifPresent(a -> a.tell(new TransferArbiter.Labelled(l)));
      events.transferLabelled(task.name(), l.source(), l.architecture(), l.positive(), l.round());
      reportTo.tell(new TransferLabelled(l));
    }
  }

  private int round() {
    return state.evaluations() / state.strategy().populationSize();
  }

  /** Asks for this round's transfers when a round was completed, then fills the free slots. */
  private Behavior<Command> step() {
    if (transfer.enabled() && peers.arbiter().isPresent() && state.wantsMore()
        && state.evaluations() >= state.strategy().populationSize() && round() > lastTransferRound) {
      lastTransferRound = round();
      awaiting = true;
      getContext().ask(
          TransferArbiter.Proposed.class,
          peers.arbiter().get(),
          ASK_TIMEOUT,
          replyTo -> new TransferArbiter.Propose(task.name(), asOf, lastTransferRound, replyTo),
          (reply, error) -> new WrappedTransfers(reply == null ? List.of() : reply.decision().accepted()));
      return this;
    }
    return fill();
  }

  private Behavior<Command> onTransfers(WrappedTransfers t) {
    if (guidance.guided() && guidance.predictor()) {
      pendingTransfers.clear(); // competing transfers are offered for one round
    }
    pendingTransfers.addAll(t.offers());
    awaiting = false;
    fill();
    return resume();
  }

  /**
   * Transferred architectures first (evaluated as they are, as KTNAS does), then the strategy's
   * picks. A population with a predictor instead puts the round's transfers into its candidate
   * pool, where they compete with its own mutants for the evaluation.
   */
  private Behavior<Command> fill() {
    boolean transfersCompete = guidance.guided() && guidance.predictor() && peers.predictor().isPresent();
    while (!transfersCompete && slots() > 0 && !pendingTransfers.isEmpty()) {
      Offer offer = pendingTransfers.removeFirst();
      Architecture a = offer.architecture();
      if (state.hasSeen(a) || transferSources.containsKey(a)) {
        continue;
      }
      transferSources.put(a, offer.source());
      add(state.proposeExternal(a, Origin.TRANSFER, Optional.empty()));
    }
    int slots = slots();
    if (slots == 0) {
      return submit();
    }
    if (!guidance.guided()) {
      while (slots() > 0) {
        add(state.propose(rng));
      }
      return submit();
    }
    if (transfersCompete) {
      pendingTransfers.removeIf(o -> state.hasSeen(o.architecture()));
    }
    List<Architecture> competing =
        transfersCompete ? pendingTransfers.stream().map(Offer::architecture).toList() : List.of();
    List<Candidate> pool = GuidedChoice.pool(state, guidance, competing, proxy(), slots, rng);
    if (guidance.predictor() && peers.predictor().isPresent()) {
      awaiting = true;
      List<Architecture> archs = pool.stream().map(Candidate::architecture).toList();
      getContext().ask(
          PredictorActor.Scores.class,
          peers.predictor().get(),
          ASK_TIMEOUT,
          replyTo -> new PredictorActor.Score(task.name(), asOf, archs, replyTo),
          (reply, error) -> new WrappedScores(pool, slots, reply == null ? Optional.empty() : reply.scores()));
      return this;
    }
    return choose(pool, slots, Optional.empty());
  }

  private Behavior<Command> onScores(WrappedScores s) {
    awaiting = false;
    choose(s.pool(), s.slots(), s.scores());
    return resume();
  }

  /** Once no question is open, handles the results that arrived while one was. */
  private Behavior<Command> resume() {
    return awaiting || stash.isEmpty() ? this : stash.unstashAll(this);
  }

  /** Proposes the best {@code slots} of the pool, in {@link GuidedChoice#ranked} order. */
  private Behavior<Command> choose(List<Candidate> pool, int slots, Optional<double[]> predicted) {
    for (Candidate c : GuidedChoice.ranked(pool, predicted, proxy(), GuidedChoice.otherTurnShare(guidance), rng)) {
      if (slots() == 0 || slots == 0) {
        break;
      }
      if (!state.hasSeen(c.architecture())) {
        if (c.origin() == Origin.TRANSFER) {
          pendingTransfers.stream().filter(o -> o.architecture().equals(c.architecture())).findFirst()
              .ifPresent(o -> transferSources.put(c.architecture(), o.source()));
        }
        add(state.proposeExternal(c.architecture(), c.origin(), c.parent()));
        slots--;
      }
    }
    while (slots() > 0 && slots-- > 0) {
      add(state.propose(rng)); // the pool ran short
    }
    return submit();
  }

  /** The task's first zero-cost proxy, while its guidance may use one and its results bear it out. */
  private Optional<ToDoubleFunction<Architecture>> proxy() {
    if (!proxyTrust.trusted()) {
      return Optional.empty();
    }
    return proxyMetric().map(metric -> a -> peers.proxies().value(metric, a));
  }

  private Optional<String> proxyMetric() {
    return guidance.zeroCost() && !task.proxyMetrics().isEmpty()
        ? Optional.of(task.proxyMetrics().get(0))
        : Optional.empty();
  }

  private int slots() {
    return state.wantsMore() ? Math.max(0, parallelism - state.outstandingCount()) : 0;
  }

  private void add(Proposal p) {
    state = p.next();
    batch.add(new EvaluationJob(p.candidate().id(), evaluationTask, p.candidate().architecture(), 1));
  }

  private void recordScored(
      EvaluationOutcome.Scored scored,
      Candidate candidate,
      WorkManager.Delivered d,
      double bestBefore,
      boolean wasSolved) {
    Individual best = state.best().orElseThrow();
    int evaluation = state.evaluations();
    reportTo.tell(
        new Recorded(
            new EvaluationRecord(
                task.name(),
                evaluation,
                scored.jobId(),
                scored.architecture(),
                candidate.origin().id(),
                scored.fitness(),
                best.fitness(),
                scored.metrics(),
                scored.costSeconds())));
    events.evaluated(
        task.name(),
        scored,
        evaluation,
        best.fitness(),
        candidate.origin().id(),
        d.workerId(),
        d.wallMicros(),
        elapsedMillis.getAsLong());
    if (best.evaluation() == evaluation && (Double.isNaN(bestBefore) || best.fitness() != bestBefore)) {
      events.newBest(task.name(), best.architecture(), best.fitness(), evaluation);
    }
    if (!wasSolved && state.solved()) {
      events.taskSolved(
          task.name(), best.architecture(), best.fitness(), task.threshold().getAsDouble(), evaluation);
    }
  }

  /** Replies to the manager with the batch (maybe empty). */
  private Behavior<Command> submit() {
    manager.tell(new WorkManager.Submit(task.name(), List.copyOf(batch), deliveries));
    batch.clear();
    if (!finished && !state.wantsMore() && state.outstandingCount() == 0) {
      finished = true;
      TaskResult result = state.result();
      events.taskFinished(result);
      reportTo.tell(new Finished(result));
    }
    return this;
  }
}
