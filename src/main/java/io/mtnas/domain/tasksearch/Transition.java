package io.mtnas.domain.tasksearch;

import io.mtnas.domain.evaluation.EvaluationJob;
import io.mtnas.domain.evaluation.EvaluationOutcome;
import io.mtnas.domain.population.Candidate;
import io.mtnas.domain.population.GuidedChoice;
import io.mtnas.domain.population.Individual;
import io.mtnas.domain.population.Origin;
import io.mtnas.domain.population.PopulationState;
import io.mtnas.domain.population.Proposal;
import io.mtnas.domain.population.ProxyTrust;
import io.mtnas.domain.predictor.Observation;
import io.mtnas.domain.random.DerivedRandom;
import io.mtnas.domain.search.EvaluationRecord;
import io.mtnas.domain.search.GuidanceSpec;
import io.mtnas.domain.search.TaskSpec;
import io.mtnas.domain.search.TransferSpec;
import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.tasksearch.TaskSearch.Question;
import io.mtnas.domain.transfer.Label;
import io.mtnas.domain.transfer.Offer;
import io.mtnas.domain.transfer.TransferLabels;
import io.mtnas.domain.transfer.WarmStart;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;

/**
 * The working copy behind one {@link TaskSearch#apply}: it starts as the value's fields, takes the
 * decisions of one input (and of the deferred inputs an answer releases), and collects the effects.
 * Never escapes its step, so the value itself stays immutable.
 */
final class Transition {
  private static final String FILL = "fill";
  private static final String CHOOSE = "choose";

  private final TaskSearch.Settings settings;
  private final TaskSpec task;
  private final GuidanceSpec guidance;
  private final TransferSpec transfer;
  final List<TaskEffect> effects = new ArrayList<>();
  private final List<EvaluationJob> batch = new ArrayList<>();
  private PopulationState state;
  private TransferLabels labels;
  private ProxyTrust proxyTrust;
  private long asOf;
  private int lastTransferRound;
  private Question awaiting;
  private List<Candidate> askedPool;
  private int askedSlots;
  private final Deque<Offer> pendingTransfers;
  private final Map<Architecture, String> transferSources;
  private final Deque<TaskInput> deferred;
  private long fills;
  private boolean finished;
  private final Deque<TaskSearch.WarmSeed> warm;
  private List<Offer> warmTransfers;

  Transition(TaskSearch s) {
    settings = s.settings;
    state = s.population;
    task = state.task();
    guidance = state.strategy().guidance();
    transfer = state.strategy().transfer();
    labels = s.labels;
    proxyTrust = s.proxyTrust;
    asOf = s.asOf;
    lastTransferRound = s.lastTransferRound;
    awaiting = s.awaiting;
    askedPool = s.askedPool;
    askedSlots = s.askedSlots;
    pendingTransfers = new ArrayDeque<>(s.pendingTransfers);
    transferSources = new LinkedHashMap<>(s.transferSources);
    deferred = new ArrayDeque<>(s.deferred);
    fills = s.fills;
    finished = s.finished;
    warm = new ArrayDeque<>(s.warm);
    warmTransfers = s.warmTransfers;
  }

  TaskSearch result() {
    return new TaskSearch(settings, state, labels, proxyTrust, asOf, lastTransferRound, awaiting, askedPool,
        askedSlots, List.copyOf(pendingTransfers), transferSources, List.copyOf(deferred), fills, finished,
        List.copyOf(warm), warmTransfers);
  }

  void handle(TaskInput input) {
    if (input instanceof TaskInput.TransfersDecided t) {
      requireAwaiting(Question.TRANSFERS, input);
      onTransfers(t.accepted());
    } else if (input instanceof TaskInput.ScoresReady s) {
      requireAwaiting(Question.SCORES, input);
      awaiting = Question.NONE;
      choose(askedPool, askedSlots, s.scores());
      askedPool = List.of();
      askedSlots = 0;
    } else if (input instanceof TaskInput.WarmPicks w) {
      onWarmPicks(w.picks(), input);
    } else if (awaiting != Question.NONE) {
      deferred.addLast(input);
      return;
    } else {
      handleNow(input);
    }
    while (awaiting == Question.NONE && !deferred.isEmpty()) {
      handleNow(deferred.removeFirst());
    }
  }

  private void requireAwaiting(Question question, TaskInput input) {
    if (awaiting != question) {
      throw new IllegalStateException("task " + task.name() + " got " + input + " while awaiting " + awaiting);
    }
  }

  /** An input that may be handled now (no question open). */
  private void handleNow(TaskInput input) {
    if (input instanceof TaskInput.ResultArrived r) {
      onResult(r);
    } else if (input instanceof TaskInput.BudgetChanged b) {
      onBudget(b.budget());
    } else if (input instanceof TaskInput.Joined j) {
      onJoined(j.afterDelivery());
    } else {
      step();
    }
  }

  /**
   * A task that joined: its first population is asked for as of the join (the arbiter's picks,
   * then the predictor's, as the task's {@code join_start} and the search's peers allow), else it
   * starts as the first tasks did.
   */
  private void onJoined(long afterDelivery) {
    asOf = Math.max(asOf, afterDelivery);
    if (task.joinStart().usesTransfer() && transfer.enabled() && settings.arbiter()) {
      awaiting = Question.WARM_TRANSFERS;
      effects.add(new TaskEffect.AskWarmTransfers(asOf, state.strategy().populationSize()));
    } else if (warmByPredictor()) {
      askWarmScores();
    } else {
      step();
    }
  }

  private void askWarmScores() {
    awaiting = Question.WARM_SCORES;
    effects.add(new TaskEffect.AskWarmScores(asOf, state.strategy().populationSize()));
  }

  private boolean warmByPredictor() {
    return task.joinStart().usesPredictor() && guidance.guided() && guidance.predictor() && settings.predictor();
  }

  private void onWarmPicks(List<Offer> picks, TaskInput input) {
    if (awaiting != Question.WARM_TRANSFERS && awaiting != Question.WARM_SCORES) {
      throw new IllegalStateException("task " + task.name() + " got " + input + " while awaiting " + awaiting);
    }
    if (awaiting == Question.WARM_TRANSFERS && warmByPredictor()) {
      warmTransfers = picks;
      askWarmScores();
      return;
    }
    List<Offer> predicted = awaiting == Question.WARM_SCORES ? picks : List.of();
    List<Offer> transferred = awaiting == Question.WARM_SCORES ? warmTransfers : picks;
    for (Offer o : WarmStart.alternate(predicted, transferred, state.strategy().populationSize())) {
      warm.addLast(new TaskSearch.WarmSeed(o, predicted.contains(o) ? Origin.WARM_PREDICTOR : Origin.WARM_TRANSFER));
    }
    warmTransfers = List.of();
    awaiting = Question.NONE;
    step();
  }

  private void onResult(TaskInput.ResultArrived r) {
    EvaluationOutcome outcome = r.outcome();
    asOf = Math.max(asOf, r.sequence());
    effects.add(new TaskEffect.Observe(r.sequence(), outcome instanceof EvaluationOutcome.Scored s
        ? Optional.of(new Observation(r.sequence(), task.name(), s.architecture(), s.fitness()))
        : Optional.empty()));
    Optional<Candidate> found = state.outstanding(outcome.jobId());
    if (found.isEmpty()) {
      effects.add(new TaskEffect.Ignored(outcome.jobId()));
      step(); // the manager still waits for this task's reply
      return;
    }
    Candidate candidate = found.get();
    boolean wasSolved = state.solved();
    Optional<Double> bestBefore = state.best().map(Individual::fitness);
    state = state.integrate(outcome);
    String source = transferSources.remove(candidate.architecture());
    if (outcome instanceof EvaluationOutcome.Scored scored) {
      recordScored(scored, candidate, r, bestBefore.orElse(Double.NaN), wasSolved);
      proxyTrust = proxyMetric()
          .map(m -> proxyTrust.with(settings.proxies().value(m, scored.architecture()), scored.fitness()))
          .orElse(proxyTrust);
      if (source != null) {
        labels = labels.arrived(candidate.architecture(), source);
        effects.add(new TaskEffect.Transferred(source));
      }
      updateLabels(candidate);
    }
    step();
  }

  /**
   * A new budget, always answered with a batch (maybe empty), as a delivery is: the work manager
   * waits for it, which keeps the order of jobs independent of timing. A task that had ended and
   * now wants more starts again; a raised budget fills free slots at once.
   */
  private void onBudget(int budget) {
    state = state.withBudget(budget);
    if (finished && state.wantsMore()) {
      finished = false;
    }
    if (finished) {
      submit();
    } else {
      step();
    }
    effects.add(new TaskEffect.BudgetApplied(finished ? Optional.of(state.result()) : Optional.empty()));
  }

  private void recordScored(
      EvaluationOutcome.Scored scored, Candidate candidate, TaskInput.ResultArrived r, double bestBefore,
      boolean wasSolved) {
    Individual best = state.best().orElseThrow();
    int evaluation = state.evaluations();
    effects.add(new TaskEffect.Recorded(new EvaluationRecord(task.name(), evaluation, scored.jobId(),
        scored.architecture(), candidate.origin().id(), scored.fitness(), best.fitness(), scored.metrics(),
        scored.costSeconds())));
    effects.add(new TaskEffect.Evaluated(scored, evaluation, best.fitness(), candidate.origin().id(), r.worker(),
        r.wallMicros(), r.elapsedMillis()));
    if (best.evaluation() == evaluation && (Double.isNaN(bestBefore) || best.fitness() != bestBefore)) {
      effects.add(new TaskEffect.NewBest(best.architecture(), best.fitness(), evaluation));
    }
    if (!wasSolved && state.solved()) {
      effects.add(new TaskEffect.Solved(best.architecture(), best.fitness(), task.threshold().getAsDouble(),
          evaluation));
    }
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
      effects.add(new TaskEffect.LabelDecided(l));
    }
  }

  private int round() {
    return state.evaluations() / state.strategy().populationSize();
  }

  /** Asks for this round's transfers when a round was completed, then fills the free slots. */
  private void step() {
    if (transfer.enabled() && settings.arbiter() && state.wantsMore()
        && state.evaluations() >= state.strategy().populationSize() && round() > lastTransferRound) {
      lastTransferRound = round();
      awaiting = Question.TRANSFERS;
      effects.add(new TaskEffect.AskTransfers(asOf, lastTransferRound));
      return;
    }
    fill();
  }

  private void onTransfers(List<Offer> accepted) {
    if (guidance.guided() && guidance.predictor()) {
      pendingTransfers.clear(); // competing transfers are offered for one round
    }
    pendingTransfers.addAll(accepted);
    awaiting = Question.NONE;
    fill();
  }

  /**
   * Transferred architectures first (evaluated as they are, as KTNAS does), then the strategy's
   * picks. A population with a predictor instead puts the round's transfers into its candidate
   * pool, where they compete with its own mutants for the evaluation.
   */
  private void fill() {
    while (slots() > 0 && !warm.isEmpty()) {
      TaskSearch.WarmSeed seed = warm.removeFirst();
      Architecture a = seed.offer().architecture();
      if (!state.hasSeen(a) && !transferSources.containsKey(a)) {
        transferSources.put(a, seed.offer().source()); // a transfer from the task that evaluated it
        add(state.proposeExternal(a, seed.origin(), Optional.empty()));
      }
    }
    boolean transfersCompete = transfersCompete();
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
      submit();
      return;
    }
    fills++;
    RandomGenerator rng = draws(FILL);
    if (!guidance.guided()) {
      while (slots() > 0) {
        add(state.propose(rng));
      }
      submit();
      return;
    }
    if (transfersCompete) {
      pendingTransfers.removeIf(o -> state.hasSeen(o.architecture()));
    }
    List<Architecture> competing =
        transfersCompete ? pendingTransfers.stream().map(Offer::architecture).toList() : List.of();
    List<Candidate> pool = GuidedChoice.pool(state, guidance, competing, proxy(), slots, rng);
    if (guidance.predictor() && settings.predictor()) {
      awaiting = Question.SCORES;
      askedPool = pool;
      askedSlots = slots;
      effects.add(new TaskEffect.AskScores(asOf, pool.stream().map(Candidate::architecture).toList()));
      return;
    }
    choose(pool, slots, Optional.empty());
  }

  private boolean transfersCompete() {
    return guidance.guided() && guidance.predictor() && settings.predictor();
  }

  /** The fill's draws for one purpose: fresh from (seed, task, purpose, fill number). */
  private RandomGenerator draws(String purpose) {
    return DerivedRandom.of(settings.seed(), task.name(), purpose, fills);
  }

  /** Proposes the best {@code slots} of the pool, in {@link GuidedChoice#ranked} order. */
  private void choose(List<Candidate> pool, int slots, Optional<double[]> predicted) {
    RandomGenerator rng = draws(CHOOSE);
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
    submit();
  }

  /** The task's first zero-cost proxy, while its guidance may use one and its results bear it out. */
  private Optional<ToDoubleFunction<Architecture>> proxy() {
    if (!proxyTrust.trusted()) {
      return Optional.empty();
    }
    return proxyMetric().map(metric -> a -> settings.proxies().value(metric, a));
  }

  private Optional<String> proxyMetric() {
    return guidance.zeroCost() && !task.proxyMetrics().isEmpty()
        ? Optional.of(task.proxyMetrics().get(0))
        : Optional.empty();
  }

  private int slots() {
    return state.wantsMore() ? Math.max(0, settings.parallelism() - state.outstandingCount()) : 0;
  }

  private void add(Proposal p) {
    state = p.next();
    batch.add(new EvaluationJob(p.candidate().id(), task.evaluationTask(), p.candidate().architecture(), 1));
  }

  /** The batch (maybe empty) as the reply to the manager, then the task's end when it came. */
  private void submit() {
    effects.add(new TaskEffect.Dispatch(batch));
    batch.clear();
    if (!finished && !state.wantsMore() && state.outstandingCount() == 0) {
      finished = true;
      effects.add(new TaskEffect.Finished(state.result()));
    }
  }
}
