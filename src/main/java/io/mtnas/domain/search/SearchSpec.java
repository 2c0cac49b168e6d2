package io.mtnas.domain.search;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A whole multi-task search: its tasks, how they evolve, the seed and how many evaluator workers
 * run it. All tasks share one search space.
 */
public record SearchSpec(
    String name, String space, long seed, int workers, StrategySpec strategy, List<TaskSpec> tasks,
    List<String> warmFrom) {

  /**
   * The most evaluator workers one search may start. Each is an actor with its own evaluation in
   * flight, all in one process; far more than the machine's processors only queue (docs/spec.md).
   */
  public static final int MAX_WORKERS = 256;

  public SearchSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(space, "space");
    Objects.requireNonNull(strategy, "strategy");
    tasks = List.copyOf(tasks);
    warmFrom = List.copyOf(warmFrom);
    if (workers < 1 || workers > MAX_WORKERS) {
      throw new IllegalArgumentException("workers must be in 1.." + MAX_WORKERS + ", got " + workers);
    }
    if (tasks.stream().noneMatch(TaskSpec::starts)) {
      throw new IllegalArgumentException("a search needs at least one task searched from the start");
    }
    Set<String> names = new HashSet<>();
    for (TaskSpec t : tasks) {
      if (!names.add(t.name())) {
        throw new IllegalArgumentException("task name \"" + t.name() + "\" appears twice");
      }
    }
  }

  /** A search that starts from nothing earlier. */
  public SearchSpec(String name, String space, long seed, int workers, StrategySpec strategy, List<TaskSpec> tasks) {
    this(name, space, seed, workers, strategy, tasks, List.of());
  }

  /** The same search starting from the results of the earlier searches {@code ids} (a service's). */
  public SearchSpec withWarmFrom(List<String> ids) {
    return new SearchSpec(name, space, seed, workers, strategy, tasks, ids);
  }

  public SearchSpec withSeed(long newSeed) {
    return new SearchSpec(name, space, newSeed, workers, strategy, tasks, warmFrom);
  }

  public SearchSpec withWorkers(int newWorkers) {
    return new SearchSpec(name, space, seed, newWorkers, strategy, tasks, warmFrom);
  }

  public SearchSpec withStrategy(StrategySpec newStrategy) {
    return new SearchSpec(name, space, seed, workers, newStrategy, tasks, warmFrom);
  }

  /** The same search with the named tasks' budgets replaced (the others as they were). */
  public SearchSpec withBudgets(java.util.Map<String, Integer> budgets) {
    return new SearchSpec(name, space, seed, workers, strategy,
        tasks.stream().map(t -> budgets.containsKey(t.name()) ? t.withBudget(budgets.get(t.name())) : t).toList(),
        warmFrom);
  }

  /** The same search with one more task (which joins it, or is searched from the start if not launched). */
  public SearchSpec withTask(TaskSpec task) {
    List<TaskSpec> more = new java.util.ArrayList<>(tasks);
    more.add(task);
    return new SearchSpec(name, space, seed, workers, strategy, more, warmFrom);
  }

  /** The same search settings with {@code task} alone, searched from the start (to build its evaluator). */
  public SearchSpec withOnly(TaskSpec task) {
    return new SearchSpec(name, space, seed, workers, strategy,
        List.of(task.withJoinAfter(java.util.OptionalLong.empty())), warmFrom);
  }

  /** The tasks searched from the start, in spec order (the others join later). */
  public List<TaskSpec> startingTasks() {
    return tasks.stream().filter(TaskSpec::starts).toList();
  }

  /** Outstanding evaluations per population: the strategy's setting, else one per worker. */
  public int parallelismPerTask() {
    return strategy.parallelism() > 0 ? strategy.parallelism() : workers;
  }

  public TaskSpec task(String taskName) {
    return tasks.stream()
        .filter(t -> t.name().equals(taskName))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no task named \"" + taskName + "\""));
  }

  /** Whether a task of it trains (a trainer process evaluates it) rather than reading a table. */
  public boolean trains() {
    return tasks.stream().anyMatch(t -> t.trainer().isPresent());
  }
}
