package io.mtnas.domain.population;

import io.mtnas.domain.evaluation.EvaluationOutcome;
import io.mtnas.domain.evaluation.JobId;
import io.mtnas.domain.search.StrategySpec;
import io.mtnas.domain.search.TaskResult;
import io.mtnas.domain.search.TaskSpec;
import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.space.SearchSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;

/**
 * One task's steady-state, asynchronous search: no generations, a candidate is proposed whenever
 * asked and several may be outstanding at once. Immutable; it changes only through {@link
 * #apply(PopulationEvent)}, so replaying a task's events rebuilds it. {@link #propose} and {@link
 * #integrate} are conveniences that build the event and apply it.
 *
 * <p>Rules the actor can rely on:
 *
 * <ul>
 *   <li>Job ids are {@code (task, 0), (task, 1), ...} in proposal order.
 *   <li>"Seen" means proposed by this task, outstanding or finished. With {@code avoidSeen} no seen
 *       architecture is proposed again, including those whose evaluation failed: a failure is not
 *       retried here (the work manager already retried it), so a broken architecture cannot eat
 *       the budget.
 *   <li>Exactly-once integration: an outcome for a job that is not outstanding (unknown, from
 *       another task, or already integrated) is ignored and {@code integrate} returns this very
 *       instance; an outcome whose architecture differs from the proposed one is a routing bug and
 *       throws.
 *   <li>A {@link EvaluationOutcome.Failed} given to this state is final: the candidate is
 *       abandoned, leaves the outstanding set, is not an evaluation and frees its budget slot.
 *   <li>Results that arrive after the task is solved are still integrated and counted: their cost
 *       was spent and the report must account for every proposed candidate. They may improve the
 *       best individual; {@link #solvedAt} keeps the first evaluation that reached the threshold.
 * </ul>
 */
public final class PopulationState {
  private final TaskSpec task;
  private final SearchSpace space;
  private final StrategySpec strategy;
  private final Proposer proposer;
  private final long proposals;
  private final SeenSet seen;
  /** In proposal order. */
  private final List<Candidate> outstanding;
  /** The living, oldest first; at most K. */
  private final List<Individual> population;
  private final int evaluations;
  private final int abandoned;
  private final Individual best;
  private final int solvedAt;
  private final double costSeconds;

  private PopulationState(
      TaskSpec task,
      SearchSpace space,
      StrategySpec strategy,
      long proposals,
      SeenSet seen,
      List<Candidate> outstanding,
      List<Individual> population,
      int evaluations,
      int abandoned,
      Individual best,
      int solvedAt,
      double costSeconds) {
    this.task = task;
    this.space = space;
    this.strategy = strategy;
    this.proposer = Proposer.of(strategy.kind());
    this.proposals = proposals;
    this.seen = seen;
    this.outstanding = outstanding;
    this.population = population;
    this.evaluations = evaluations;
    this.abandoned = abandoned;
    this.best = best;
    this.solvedAt = solvedAt;
    this.costSeconds = costSeconds;
  }

  /** A task before its first proposal. */
  public static PopulationState of(TaskSpec task, SearchSpace space, StrategySpec strategy) {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(space, "space");
    Objects.requireNonNull(strategy, "strategy");
    return new PopulationState(
        task, space, strategy, 0, SeenSet.empty(space.size()), List.of(), List.of(), 0, 0, null, 0, 0);
  }

  // ---- transitions

  /**
   * The strategy's next candidate and the state that has it outstanding. Pure in (this state, the
   * draws from {@code rng}).
   *
   * @throws IllegalStateException when {@link #wantsMore()} is false
   */
  public Proposal propose(RandomGenerator rng) {
    requireWantsMore();
    Candidate candidate = proposer.propose(this, nextJobId(), rng);
    return new Proposal(candidate, apply(new PopulationEvent.Proposed(candidate)));
  }

  /**
   * Up to {@code count} distinct candidates the strategy would propose next, none committed: a
   * guided population scores them and proposes its pick with {@link #proposeExternal}. Pure in
   * (this state, the draws from {@code rng}); fewer come back when the strategy keeps drawing
   * architectures already in the list.
   */
  public List<Candidate> candidates(RandomGenerator rng, int count) {
    requireWantsMore();
    java.util.LinkedHashMap<Architecture, Candidate> distinct = new java.util.LinkedHashMap<>();
    for (int attempt = 0; attempt < 4 * count && distinct.size() < count; attempt++) {
      Candidate c = proposer.propose(this, nextJobId(), rng);
      distinct.putIfAbsent(c.architecture(), c);
    }
    return List.copyOf(distinct.values());
  }

  /**
   * The unseen one-edge neighbours of the task's best individual ever, as mutations of it: local
   * search around the incumbent, which regularized evolution loses once the incumbent ages out.
   */
  public List<Candidate> incumbentNeighbours() {
    requireWantsMore();
    if (best == null) {
      return List.of();
    }
    Architecture incumbent = best.architecture();
    return space.neighbours(incumbent).stream()
        .filter(a -> !hasSeen(a))
        .map(a -> new Candidate(nextJobId(), a, Origin.MUTATION, Optional.of(incumbent)))
        .toList();
  }

  /** Up to {@code count} distinct uniform samples of architectures this task has not seen. */
  public List<Candidate> samples(RandomGenerator rng, int count) {
    requireWantsMore();
    java.util.LinkedHashMap<Architecture, Candidate> distinct = new java.util.LinkedHashMap<>();
    for (int attempt = 0; attempt < 4 * count && distinct.size() < count; attempt++) {
      long index = seen.sampleUnseen(rng);
      if (index < 0) {
        break;
      }
      Architecture a = space.fromIndex(index);
      distinct.putIfAbsent(a, new Candidate(nextJobId(), a, Origin.RANDOM, Optional.empty()));
    }
    return List.copyOf(distinct.values());
  }

  /**
   * Proposes an architecture chosen outside the strategy (transfer from another task, a predictor's
   * pick) under the next job id. Check {@link #hasSeen} first when the strategy avoids seen ones.
   *
   * @throws IllegalStateException when {@link #wantsMore()} is false
   * @throws IllegalArgumentException when the architecture is of another space, or was seen and
   *     the strategy avoids seen architectures
   */
  public Proposal proposeExternal(Architecture architecture, Origin origin, Optional<Architecture> parent) {
    Candidate candidate = new Candidate(nextJobId(), architecture, origin, parent);
    return new Proposal(candidate, apply(new PopulationEvent.Proposed(candidate)));
  }

  /** Integrates a score, or abandons the candidate of a (final) failure; see the class rules. */
  public PopulationState integrate(EvaluationOutcome outcome) {
    if (outcome instanceof EvaluationOutcome.Scored scored) {
      return apply(new PopulationEvent.Scored(scored));
    }
    return apply(new PopulationEvent.Abandoned((EvaluationOutcome.Failed) outcome));
  }

  /** The one way this state changes. */
  public PopulationState apply(PopulationEvent event) {
    if (event instanceof PopulationEvent.Proposed proposed) {
      return withProposed(proposed.candidate());
    }
    if (event instanceof PopulationEvent.Scored scored) {
      return withScored(scored.outcome());
    }
    return withAbandoned(((PopulationEvent.Abandoned) event).failure());
  }

  private PopulationState withProposed(Candidate candidate) {
    requireWantsMore();
    if (!candidate.id().equals(nextJobId())) {
      throw new IllegalArgumentException(
          "task " + task.name() + " expects its next proposal as " + nextJobId() + ", got " + candidate.id());
    }
    Architecture architecture = candidate.architecture();
    if (!architecture.space().id().equals(space.id())) {
      throw new IllegalArgumentException(
          "architecture of space " + architecture.space().id() + " proposed to a population of " + space.id());
    }
    if (strategy.avoidSeen() && hasSeen(architecture)) {
      throw new IllegalArgumentException(
          "task " + task.name() + " already proposed " + architecture + " and avoids seen architectures");
    }
    List<Candidate> nextOutstanding = new ArrayList<>(outstanding.size() + 1);
    nextOutstanding.addAll(outstanding);
    nextOutstanding.add(candidate);
    return new PopulationState(
        task, space, strategy, proposals + 1, seen.with(architecture.index()),
        List.copyOf(nextOutstanding), population, evaluations, abandoned, best, solvedAt, costSeconds);
  }

  private PopulationState withScored(EvaluationOutcome.Scored outcome) {
    Optional<Candidate> found = outstanding(outcome.jobId());
    if (found.isEmpty()) {
      return this;
    }
    Candidate candidate = found.get();
    requireSameArchitecture(candidate, outcome);
    int evaluation = evaluations + 1;
    Individual child = new Individual(candidate, outcome, evaluation);
    // Aging: the oldest dies, however good, which is what regularizes REA.
    int survivors = Math.min(population.size(), strategy.populationSize() - 1);
    List<Individual> living = new ArrayList<>(survivors + 1);
    living.addAll(population.subList(population.size() - survivors, population.size()));
    living.add(child);
    Individual nextBest =
        best == null || task.direction().isBetter(child.fitness(), best.fitness()) ? child : best;
    int nextSolvedAt = solvedAt == 0 && task.solvedBy(nextBest.fitness()) ? evaluation : solvedAt;
    return new PopulationState(
        task, space, strategy, proposals, seen, without(candidate.id()), List.copyOf(living),
        evaluation, abandoned, nextBest, nextSolvedAt, costSeconds + outcome.costSeconds());
  }

  private PopulationState withAbandoned(EvaluationOutcome.Failed failure) {
    Optional<Candidate> found = outstanding(failure.jobId());
    if (found.isEmpty()) {
      return this;
    }
    requireSameArchitecture(found.get(), failure);
    return new PopulationState(
        task, space, strategy, proposals, seen, without(failure.jobId()), population,
        evaluations, abandoned + 1, best, solvedAt, costSeconds);
  }

  /**
   * The same search with another budget (raised or lowered while it runs); what was proposed
   * stays outstanding even when a lowered budget is already spent.
   */
  public PopulationState withBudget(int budget) {
    return new PopulationState(
        task.withBudget(budget), space, strategy, proposals, seen, outstanding, population, evaluations,
        abandoned, best, solvedAt, costSeconds);
  }

  private List<Candidate> without(JobId id) {
    return outstanding.stream().filter(c -> !c.id().equals(id)).toList();
  }

  private static void requireSameArchitecture(Candidate candidate, EvaluationOutcome outcome) {
    if (!candidate.architecture().equals(outcome.architecture())) {
      throw new IllegalArgumentException(
          "outcome of " + outcome.jobId() + " is for " + outcome.architecture()
              + " but that job proposed " + candidate.architecture());
    }
  }

  private void requireWantsMore() {
    if (!wantsMore()) {
      throw new IllegalStateException(
          "task " + task.name() + " wants no more candidates (" + this + ")");
    }
  }

  // ---- for proposers

  /** Uniform over the space, or over its unseen part when the strategy avoids seen ones. */
  Architecture sampleUniform(RandomGenerator rng) {
    if (!strategy.avoidSeen()) {
      return space.random(rng);
    }
    long index = seen.sampleUnseen(rng);
    if (index < 0) {
      throw new IllegalStateException("every architecture of " + space.id() + " was seen");
    }
    return space.fromIndex(index);
  }

  // ---- queries

  /**
   * True while the task should get another candidate: not solved (when it has a threshold),
   * evaluations plus outstanding below the budget, fewer abandoned candidates than the budget (so
   * an evaluator that fails everything cannot make the task churn through the whole space), the
   * time budget (if any) not yet spent by the integrated evaluations' cost, and, when avoiding seen
   * architectures, something left unseen.
   */
  public boolean wantsMore() {
    return !solved()
        && evaluations + outstanding.size() < task.budget()
        && !task.timeSpentBy(costSeconds)
        && abandoned < task.budget()
        && !exhausted();
  }

  /** True when the strategy avoids seen architectures and every one of the space was proposed. */
  public boolean exhausted() {
    return strategy.avoidSeen() && seen.full();
  }

  public TaskSpec task() {
    return task;
  }

  public SearchSpace space() {
    return space;
  }

  public StrategySpec strategy() {
    return strategy;
  }

  /** Candidates proposed so far; also the sequence of the next job id. */
  public long proposals() {
    return proposals;
  }

  public JobId nextJobId() {
    return new JobId(task.name(), proposals);
  }

  /** Scored candidates integrated so far. */
  public int evaluations() {
    return evaluations;
  }

  /** Candidates whose evaluation failed for good. */
  public int abandoned() {
    return abandoned;
  }

  public int outstandingCount() {
    return outstanding.size();
  }

  /** Candidates awaiting an outcome, in proposal order. */
  public List<Candidate> outstanding() {
    return outstanding;
  }

  public Optional<Candidate> outstanding(JobId id) {
    for (Candidate c : outstanding) {
      if (c.id().equals(id)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  public boolean isOutstanding(JobId id) {
    return outstanding(id).isPresent();
  }

  /** The living individuals, oldest first (at most K). */
  public List<Individual> population() {
    return population;
  }

  /** The best individual ever integrated (it may have died of age); first found wins ties. */
  public Optional<Individual> best() {
    return Optional.ofNullable(best);
  }

  /** Evaluation number at which the best was found; 0 before any evaluation. */
  public int bestFoundAt() {
    return best == null ? 0 : best.evaluation();
  }

  /** Evaluation number at which the best first reached the task's threshold. */
  public OptionalInt solvedAt() {
    return solvedAt == 0 ? OptionalInt.empty() : OptionalInt.of(solvedAt);
  }

  public boolean solved() {
    return solvedAt != 0;
  }

  /** Whether this task already proposed the architecture (outstanding, evaluated or abandoned). */
  public boolean hasSeen(Architecture architecture) {
    return architecture.space().id().equals(space.id()) && seen.contains(architecture.index());
  }

  public long seenCount() {
    return seen.count();
  }

  /** Summed cost of the integrated evaluations. */
  public double costSeconds() {
    return costSeconds;
  }

  /** The task's outcome so far, as the search report shows it. */
  public TaskResult result() {
    return new TaskResult(
        task.name(),
        best().map(Individual::architecture),
        best == null ? Double.NaN : best.fitness(),
        best == null ? java.util.Map.of() : best.result().metrics(),
        bestFoundAt(),
        evaluations(),
        abandoned(),
        solvedAt(),
        costSeconds);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PopulationState other
        && task.equals(other.task)
        && space.id().equals(other.space.id())
        && strategy.equals(other.strategy)
        && proposals == other.proposals
        && seen.equals(other.seen)
        && outstanding.equals(other.outstanding)
        && population.equals(other.population)
        && evaluations == other.evaluations
        && abandoned == other.abandoned
        && Objects.equals(best, other.best)
        && solvedAt == other.solvedAt
        && Double.compare(costSeconds, other.costSeconds) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(task, proposals, evaluations, abandoned, outstanding, best);
  }

  @Override
  public String toString() {
    return "PopulationState[" + task.name() + " " + strategy.kind().id()
        + ": proposals=" + proposals + ", evaluations=" + evaluations
        + ", outstanding=" + outstanding.size() + ", abandoned=" + abandoned
        + ", best=" + (best == null ? "none" : best.fitness() + "@" + best.evaluation())
        + ", solvedAt=" + (solvedAt == 0 ? "-" : solvedAt) + ", budget=" + task.budget() + "]";
  }
}
