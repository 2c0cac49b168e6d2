package io.mtnas.domain.service;

import io.mtnas.domain.search.SearchReport;
import io.mtnas.domain.search.SearchSpec;
import io.mtnas.domain.search.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One search the service holds.
 *
 * @param number the order of submission, 1-based
 * @param spec the spec its engine starts from: as submitted, with the budget changes and tasks added
 *     before it first started; later changes are in {@code tasks} and {@code joined} (and reach the
 *     engine as notices)
 * @param revision counts changes to the search's state and budgets (submitted 1, each change +1),
 *     not its progress: evaluations do not change it
 * @param launched whether its engine ever started (and so stored what it evaluated)
 * @param joined the tasks that joined it after its engine first started, in order
 * @param tasks each task's progress and current budget
 * @param report the engine's report, once FINISHED
 * @param error why it FAILED
 */
public record SearchEntry(
    String id,
    long number,
    SearchSpec spec,
    SearchState state,
    long revision,
    boolean launched,
    Optional<String> idempotencyKey,
    List<TaskSpec> joined,
    List<TaskProgress> tasks,
    Optional<SearchReport> report,
    Optional<String> error) {
  public SearchEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(error, "error");
    joined = List.copyOf(joined);
    tasks = List.copyOf(tasks);
  }

  /** Its spec with the tasks that joined it: what it searches now. */
  public SearchSpec currentSpec() {
    SearchSpec current = spec;
    for (TaskSpec t : joined) {
      current = current.withTask(t);
    }
    return current;
  }

  /** The current budgets that differ from those its engine starts with: the notices it needs. */
  public Map<String, Integer> budgetChanges() {
    Map<String, Integer> changed = new TreeMap<>();
    for (TaskProgress t : tasks) {
      if (currentSpec().task(t.task()).budget() != t.budget()) {
        changed.put(t.task(), t.budget());
      }
    }
    return changed;
  }

  SearchEntry withState(SearchState newState) {
    return new SearchEntry(id, number, spec, newState, revision + 1, launched, idempotencyKey, joined, tasks, report,
        error);
  }

  /** Running again: its progress starts over, as the engine replays what it stored. */
  SearchEntry started() {
    List<TaskProgress> fresh = tasks.stream().map(t -> TaskProgress.start(t.task(), t.budget())).toList();
    return new SearchEntry(id, number, spec, SearchState.RUNNING, revision + 1, true, idempotencyKey, joined, fresh,
        report, error);
  }

  SearchEntry withBudgets(Map<String, Integer> budgets) {
    List<TaskProgress> changed = tasks.stream()
        .map(t -> budgets.containsKey(t.task()) ? t.withBudget(budgets.get(t.task())) : t).toList();
    return new SearchEntry(id, number, launched ? spec : spec.withBudgets(budgets), state, revision + 1, launched,
        idempotencyKey, joined, changed, report, error);
  }

  SearchEntry withTasks(List<TaskProgress> newTasks) {
    return new SearchEntry(id, number, spec, state, revision, launched, idempotencyKey, joined, newTasks, report,
        error);
  }

  /**
   * With one more task: part of the spec its engine starts from while it never started, else one
   * that joins the running engine.
   */
  SearchEntry withTask(TaskSpec task) {
    List<TaskProgress> more = new ArrayList<>(tasks);
    more.add(TaskProgress.start(task));
    List<TaskSpec> nowJoined = joined;
    SearchSpec start = spec;
    if (launched) {
      nowJoined = new ArrayList<>(joined);
      nowJoined.add(task);
    } else {
      start = spec.withTask(task);
    }
    return new SearchEntry(id, number, start, state, revision + 1, launched, idempotencyKey, nowJoined, more, report,
        error);
  }

  SearchEntry finished(SearchReport r) {
    List<TaskProgress> done = r.tasks().stream()
        .map(t -> TaskProgress.of(t, budgetOf(t.task()))).toList();
    return new SearchEntry(id, number, spec, SearchState.FINISHED, revision + 1, launched, idempotencyKey, joined,
        done, Optional.of(r), error);
  }

  SearchEntry failed(String why) {
    return new SearchEntry(id, number, spec, SearchState.FAILED, revision + 1, launched, idempotencyKey, joined,
        tasks, report, Optional.of(why));
  }

  private int budgetOf(String task) {
    return tasks.stream().filter(t -> t.task().equals(task)).findFirst().map(TaskProgress::budget)
        .orElseGet(() -> currentSpec().task(task).budget());
  }
}
