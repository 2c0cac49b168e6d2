package io.mtnas.domain.service;

import io.mtnas.domain.search.SearchReport;
import io.mtnas.domain.search.SearchSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One search the service holds.
 *
 * @param number the order of submission, 1-based
 * @param revision counts changes to the search's state (submitted 1, each state change +1), not
 *     its progress: evaluations do not change it
 * @param report the engine's report, once FINISHED
 * @param error why it FAILED
 */
public record SearchEntry(
    String id,
    long number,
    SearchSpec spec,
    SearchState state,
    long revision,
    Optional<String> idempotencyKey,
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
    tasks = List.copyOf(tasks);
  }

  SearchEntry withState(SearchState newState) {
    return new SearchEntry(id, number, spec, newState, revision + 1, idempotencyKey, tasks, report, error);
  }

  SearchEntry withTasks(List<TaskProgress> newTasks) {
    return new SearchEntry(id, number, spec, state, revision, idempotencyKey, newTasks, report, error);
  }

  SearchEntry finished(SearchReport r) {
    List<TaskProgress> done = r.tasks().stream().map(t -> TaskProgress.of(t, spec.task(t.task()))).toList();
    return new SearchEntry(id, number, spec, SearchState.FINISHED, revision + 1, idempotencyKey, done,
        Optional.of(r), error);
  }

  SearchEntry failed(String why) {
    return new SearchEntry(id, number, spec, SearchState.FAILED, revision + 1, idempotencyKey, tasks, report,
        Optional.of(why));
  }
}
