package io.mtnas.domain.service;

import io.mtnas.domain.search.EvaluationRecord;
import io.mtnas.domain.search.SearchReport;
import io.mtnas.domain.search.SearchSpec;
import io.mtnas.domain.search.TaskResult;
import io.mtnas.domain.search.TransferStats;
import io.mtnas.domain.transfer.Label;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the service persists about its searches' lives, in order; {@link Catalog#apply} replays
 * them. A running search's evaluations are not here: each search keeps its own deliveries.
 */
public sealed interface CatalogEvent {
  String id();

  /** @param specJson the spec in its documented JSON form, which evolves with its own reader */
  record Submitted(String id, String specJson, Optional<String> idempotencyKey) implements CatalogEvent {
    public Submitted {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(specJson, "specJson");
      Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    }
  }

  record Started(String id) implements CatalogEvent {}

  /**
   * The report (less its id and spec, which the submission holds) and every evaluation, so a
   * finished search is served after a restart as before, and every transfer label it decided, so
   * a search that starts from it ({@code warm_from}) votes with them.
   */
  record Finished(String id, List<TaskResult> tasks, long wallMillis, List<TransferStats> transfers,
      List<EvaluationRecord> records, List<Label> labels) implements CatalogEvent {
    public Finished {
      tasks = List.copyOf(tasks);
      transfers = List.copyOf(transfers);
      records = List.copyOf(records);
      labels = List.copyOf(labels);
    }

    public static Finished of(SearchReport report, List<EvaluationRecord> records, List<Label> labels) {
      return new Finished(report.searchId(), report.tasks(), report.wallMillis(), report.transfers(), records,
          labels);
    }

    public SearchReport report(SearchSpec spec) {
      return new SearchReport(id, spec, tasks, wallMillis, transfers);
    }
  }

  record Failed(String id, String reason) implements CatalogEvent {}

  record Cancelled(String id) implements CatalogEvent {}

  record Deleted(String id) implements CatalogEvent {}

  /** New budgets for some tasks, by task name (a running search's engine hears of them too). */
  record BudgetsChanged(String id, Map<String, Integer> budgets) implements CatalogEvent {
    public BudgetsChanged {
      Objects.requireNonNull(id, "id");
      budgets = Collections.unmodifiableMap(new TreeMap<>(budgets));
    }
  }

  /**
   * A task joined the search (or, before it first started, became part of its spec).
   *
   * @param specJson the search's spec with the task, in its documented JSON form (its task {@code
   *     task} is the one that joined)
   */
  record TaskJoined(String id, String task, String specJson) implements CatalogEvent {
    public TaskJoined {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(task, "task");
      Objects.requireNonNull(specJson, "specJson");
    }
  }

  /** Stopped on request; what it evaluated stays stored and is replayed when it resumes. */
  record Paused(String id) implements CatalogEvent {}

  /** Back in the queue after a pause. */
  record Resumed(String id) implements CatalogEvent {}
}
