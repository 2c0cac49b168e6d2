package io.mtnas.domain.tasksearch;

import io.mtnas.domain.population.Candidate;
import io.mtnas.domain.population.Origin;
import io.mtnas.domain.population.PopulationState;
import io.mtnas.domain.population.ProxyTrust;
import io.mtnas.domain.predictor.ProxySource;
import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.transfer.Offer;
import io.mtnas.domain.transfer.TransferLabels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One task's steady-state, asynchronous search as a pure value: {@link #apply} takes an input and
 * returns the next value with the effects its host must carry out. Every decision a population
 * takes lives here (when to ask the arbiter for transfers, how to fill free slots, when a proxy is
 * trusted, when the task ends); the actor that hosts it only routes messages and performs effects.
 *
 * <p>While a question to a peer is open (transfers or scores), results wait in the value itself
 * and are handled, in arrival order, once the answer came: every decision is taken on a state
 * that does not change under it, and questions carry the search-wide number of the last outcome
 * seen, which keeps the answers independent of timing. Every random draw comes from {@link
 * io.mtnas.domain.random.DerivedRandom} keyed by the search seed, the task, a purpose and the
 * value's own fill counter, so {@link #rebuild} from the event log gives back this very value.
 */
public final class TaskSearch {

  /**
   * How the search is hosted; fixed for its life.
   *
   * @param parallelism evaluations kept outstanding
   * @param predictor whether a shared predictor answers score questions
   * @param arbiter whether a transfer arbiter answers transfer questions
   * @param proxies the free proxy values of architectures
   */
  public record Settings(long seed, int parallelism, boolean predictor, boolean arbiter, ProxySource proxies) {
    public Settings {
      Objects.requireNonNull(proxies, "proxies");
      if (parallelism < 1) {
        throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
      }
    }
  }

  /** The value after one input and what its host must do, in order. */
  public record Step(TaskSearch next, List<TaskEffect> effects) {
    public Step {
      effects = List.copyOf(effects);
    }
  }

  /** The peer question a search waits for. */
  enum Question { NONE, TRANSFERS, SCORES, WARM_TRANSFERS, WARM_SCORES }

  /** An architecture of a joining task's first population, and where it came from. */
  record WarmSeed(Offer offer, Origin origin) {}

  final Settings settings;
  final PopulationState population;
  final TransferLabels labels;
  final ProxyTrust proxyTrust;
  final long asOf;
  final int lastTransferRound;
  final Question awaiting;
  /** While awaiting scores: the pool asked about and the slots it fills. */
  final List<Candidate> askedPool;
  final int askedSlots;
  final List<Offer> pendingTransfers;
  /** Transferred architectures proposed and not yet integrated, with their source task. */
  final Map<Architecture, String> transferSources;
  /** Inputs that arrived while a question was open, oldest first. */
  final List<TaskInput> deferred;
  /** Slot fills so far: the sequence number of the fill's random draws. */
  final long fills;
  final boolean finished;
  /** A joining task's first population still to propose, in order. */
  final List<WarmSeed> warm;
  /** The arbiter's warm picks, kept while the predictor's are asked for. */
  final List<Offer> warmTransfers;

  TaskSearch(
      Settings settings, PopulationState population, TransferLabels labels, ProxyTrust proxyTrust, long asOf,
      int lastTransferRound, Question awaiting, List<Candidate> askedPool, int askedSlots,
      List<Offer> pendingTransfers, Map<Architecture, String> transferSources, List<TaskInput> deferred,
      long fills, boolean finished, List<WarmSeed> warm, List<Offer> warmTransfers) {
    this.settings = settings;
    this.population = population;
    this.labels = labels;
    this.proxyTrust = proxyTrust;
    this.asOf = asOf;
    this.lastTransferRound = lastTransferRound;
    this.awaiting = awaiting;
    this.askedPool = List.copyOf(askedPool);
    this.askedSlots = askedSlots;
    this.pendingTransfers = List.copyOf(pendingTransfers);
    this.transferSources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(transferSources));
    this.deferred = List.copyOf(deferred);
    this.fills = fills;
    this.finished = finished;
    this.warm = List.copyOf(warm);
    this.warmTransfers = List.copyOf(warmTransfers);
  }

  /** A task's search before its {@link TaskInput.Start}. */
  public static TaskSearch start(PopulationState initial, Settings settings) {
    return new TaskSearch(settings, initial,
        TransferLabels.of(initial.task().name(), initial.strategy().transfer().eliteRatio()),
        ProxyTrust.empty(initial.task().direction()), 0, 0, Question.NONE, List.of(), 0, List.of(), Map.of(),
        List.of(), 0, false, List.of(), List.of());
  }

  /** The search after every input of {@code log}, in order: what a restart rebuilds from storage. */
  public static TaskSearch rebuild(PopulationState initial, Settings settings, List<TaskInput> log) {
    TaskSearch search = start(initial, settings);
    for (TaskInput input : log) {
      search = search.apply(input).next();
    }
    return search;
  }

  public Step apply(TaskInput input) {
    Objects.requireNonNull(input, "input");
    Transition t = new Transition(this);
    t.handle(input);
    return new Step(t.result(), t.effects);
  }

  public PopulationState population() {
    return population;
  }

  /** True once the task reported {@link TaskEffect.Finished} (a raised budget may reopen it). */
  public boolean finished() {
    return finished;
  }

  /** True while a question to a peer is open. */
  public boolean awaiting() {
    return awaiting != Question.NONE;
  }

  public long fills() {
    return fills;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TaskSearch s
        && settings.seed() == s.settings.seed() && settings.parallelism() == s.settings.parallelism()
        && settings.predictor() == s.settings.predictor() && settings.arbiter() == s.settings.arbiter()
        && population.equals(s.population) && labels.equals(s.labels) && proxyTrust.equals(s.proxyTrust)
        && asOf == s.asOf && lastTransferRound == s.lastTransferRound && awaiting == s.awaiting
        && askedPool.equals(s.askedPool) && askedSlots == s.askedSlots
        && pendingTransfers.equals(s.pendingTransfers) && transferSources.equals(s.transferSources)
        && deferred.equals(s.deferred) && fills == s.fills && finished == s.finished && warm.equals(s.warm)
        && warmTransfers.equals(s.warmTransfers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(population, asOf, lastTransferRound, awaiting, fills, finished, deferred.size());
  }

  @Override
  public String toString() {
    return "TaskSearch[" + population + ", asOf=" + asOf + ", awaiting=" + awaiting + ", deferred="
        + deferred.size() + ", pendingTransfers=" + pendingTransfers.size() + ", fills=" + fills
        + ", finished=" + finished + "]";
  }
}
