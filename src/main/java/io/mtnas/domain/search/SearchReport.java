package io.mtnas.domain.search;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The outcome of a whole search: one {@link TaskResult} per task, in spec order, and per ordered
 * task pair how its transfers went.
 */
public record SearchReport(
    String searchId, SearchSpec spec, List<TaskResult> tasks, long wallMillis, List<TransferStats> transfers) {
  public SearchReport {
    Objects.requireNonNull(searchId, "searchId");
    Objects.requireNonNull(spec, "spec");
    tasks = List.copyOf(tasks);
    transfers = List.copyOf(transfers);
  }

  public SearchReport(String searchId, SearchSpec spec, List<TaskResult> tasks, long wallMillis) {
    this(searchId, spec, tasks, wallMillis, List.of());
  }

  public int totalEvaluations() {
    return tasks.stream().mapToInt(TaskResult::evaluations).sum();
  }

  /** Sum over tasks of evaluations to threshold; empty unless every task was solved. */
  public OptionalInt totalEvaluationsToThreshold() {
    int total = 0;
    for (TaskResult t : tasks) {
      if (t.evaluationsToThreshold().isEmpty()) {
        return OptionalInt.empty();
      }
      total += t.evaluationsToThreshold().getAsInt();
    }
    return OptionalInt.of(total);
  }

  public boolean allSolved() {
    return tasks.stream().allMatch(TaskResult::solved);
  }
}
