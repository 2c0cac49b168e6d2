package io.mtnas.domain.search;

import io.mtnas.domain.evaluation.Direction;
import io.mtnas.domain.evaluation.EvaluationTask;
import io.mtnas.domain.predictor.ComputedProxies;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Optional;

/**
 * One task of a multi-task search.
 *
 * @param name unique within the search, e.g. {@code cifar10-valid}
 * @param benchmark the table set (or later, trainer configuration) that scores it, e.g. {@code nb201}
 * @param fitness the metric the search optimises
 * @param direction whether larger or smaller fitness is better
 * @param threshold the task is solved when its best-so-far reaches this value (optional)
 * @param budget maximum evaluations for this task
 * @param testMetrics metrics reported for the final pick, never used by the search
 * @param proxyMetrics free low-fidelity signals (zero-cost proxies) the search may use
 * @param costMetric the benchmark column holding an evaluation's (simulated) cost in seconds, optional
 * @param trainer how the task trains architectures when its benchmark is {@code trainer}
 * @param joinAfter when present, the task is not searched from the start: it joins the running
 *     search once that many evaluations (of all tasks) have been delivered, as a task added through
 *     the service's API would (a spec that reproduces a join, for benchmarks and tests)
 * @param joinStart where the task's first population comes from when it joins a running search
 * @param timeBudget seconds of (simulated) training: the task gets no new candidate once its
 *     evaluations' summed {@code costMetric} reaches it (the NB201/NATS-Bench protocols' simulated
 *     clock of a sequential search); what is in flight then still counts
 */
public record TaskSpec(
    String name,
    String benchmark,
    String fitness,
    Direction direction,
    OptionalDouble threshold,
    int budget,
    List<String> testMetrics,
    List<String> proxyMetrics,
    Optional<String> costMetric,
    Optional<TrainerSpec> trainer,
    OptionalLong joinAfter,
    JoinStart joinStart,
    OptionalDouble timeBudget) {

  public TaskSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(benchmark, "benchmark");
    Objects.requireNonNull(fitness, "fitness");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(threshold, "threshold");
    Objects.requireNonNull(costMetric, "costMetric");
    Objects.requireNonNull(trainer, "trainer");
    Objects.requireNonNull(joinAfter, "joinAfter");
    Objects.requireNonNull(joinStart, "joinStart");
    Objects.requireNonNull(timeBudget, "timeBudget");
    if (timeBudget.isPresent() && !(timeBudget.getAsDouble() > 0 && Double.isFinite(timeBudget.getAsDouble()))) {
      throw new IllegalArgumentException("time budget of task " + name + " must be a finite number > 0, got "
          + timeBudget.getAsDouble());
    }
    if (timeBudget.isPresent() && costMetric.isEmpty()) {
      throw new IllegalArgumentException("task " + name + " has a time budget but no cost metric to spend it");
    }
    if (joinAfter.isPresent() && joinAfter.getAsLong() < 1) {
      throw new IllegalArgumentException("task " + name + " must join after >= 1 evaluations, got "
          + joinAfter.getAsLong());
    }
    testMetrics = List.copyOf(testMetrics);
    proxyMetrics = List.copyOf(proxyMetrics);
    if (budget < 1) {
      throw new IllegalArgumentException("budget of task " + name + " must be >= 1, got " + budget);
    }
  }

  /** A task searched from the start. */
  public TaskSpec(
      String name,
      String benchmark,
      String fitness,
      Direction direction,
      OptionalDouble threshold,
      int budget,
      List<String> testMetrics,
      List<String> proxyMetrics,
      Optional<String> costMetric,
      Optional<TrainerSpec> trainer) {
    this(name, benchmark, fitness, direction, threshold, budget, testMetrics, proxyMetrics, costMetric, trainer,
        OptionalLong.empty(), JoinStart.BOTH, OptionalDouble.empty());
  }

  /** A task scored by a benchmark table. */
  public TaskSpec(
      String name,
      String benchmark,
      String fitness,
      Direction direction,
      OptionalDouble threshold,
      int budget,
      List<String> testMetrics,
      List<String> proxyMetrics,
      Optional<String> costMetric) {
    this(name, benchmark, fitness, direction, threshold, budget, testMetrics, proxyMetrics, costMetric,
        Optional.empty());
  }

  /** The same task with another evaluation budget. */
  public TaskSpec withBudget(int newBudget) {
    return new TaskSpec(name, benchmark, fitness, direction, threshold, newBudget, testMetrics, proxyMetrics,
        costMetric, trainer, joinAfter, joinStart, timeBudget);
  }

  /** The same task joining after {@code evaluations} deliveries (empty: searched from the start). */
  public TaskSpec withJoinAfter(OptionalLong evaluations) {
    return new TaskSpec(name, benchmark, fitness, direction, threshold, budget, testMetrics, proxyMetrics,
        costMetric, trainer, evaluations, joinStart, timeBudget);
  }

  /** The same task joining with another first population. */
  public TaskSpec withJoinStart(JoinStart start) {
    return new TaskSpec(name, benchmark, fitness, direction, threshold, budget, testMetrics, proxyMetrics,
        costMetric, trainer, joinAfter, start, timeBudget);
  }

  /** The same task with a time budget (empty: none). */
  public TaskSpec withTimeBudget(OptionalDouble seconds) {
    return new TaskSpec(name, benchmark, fitness, direction, threshold, budget, testMetrics, proxyMetrics,
        costMetric, trainer, joinAfter, joinStart, seconds);
  }

  /** Whether {@code costSeconds} of training spent the time budget (never without one). */
  public boolean timeSpentBy(double costSeconds) {
    return timeBudget.isPresent() && costSeconds >= timeBudget.getAsDouble();
  }

  /** Whether the task is searched from the start (it does not join later). */
  public boolean starts() {
    return joinAfter.isEmpty();
  }

  /** Whether a best-so-far value solves the task (false when it has no threshold). */
  public boolean solvedBy(double bestFitness) {
    return threshold.isPresent() && direction.reaches(bestFitness, threshold.getAsDouble());
  }

  /**
   * What an evaluator must compute for this task: fitness plus every reported metric, except the
   * proxies the search computes from the cell itself.
   */
  public EvaluationTask evaluationTask() {
    List<String> extra = new ArrayList<>(testMetrics);
    proxyMetrics.stream().filter(m -> !ComputedProxies.METRICS.contains(m)).forEach(extra::add);
    return new EvaluationTask(
        name, benchmark, fitness, direction, extra.stream().distinct().toList(), costMetric);
  }
}
