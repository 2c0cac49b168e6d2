package io.mtnas.domain.service;

import io.mtnas.domain.search.EvaluationRecord;
import io.mtnas.domain.search.SearchSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The durable part of the service's state: its {@link SearchRegistry} and the evaluations of the
 * searches that finished, rebuilt by applying {@link CatalogEvent}s in order. Immutable.
 *
 * <p>A search that was RUNNING when the service stopped is RUNNING here with no progress: its
 * progress comes back as its own stored deliveries are replayed.
 */
public final class Catalog {
  private static final Catalog EMPTY = new Catalog(SearchRegistry.empty(), Map.of());

  private final SearchRegistry registry;
  private final Map<String, List<EvaluationRecord>> finishedRecords;

  private Catalog(SearchRegistry registry, Map<String, List<EvaluationRecord>> finishedRecords) {
    this.registry = registry;
    this.finishedRecords = finishedRecords;
  }

  public static Catalog empty() {
    return EMPTY;
  }

  public SearchRegistry registry() {
    return registry;
  }

  /** The evaluations of a FINISHED search. */
  public Optional<List<EvaluationRecord>> finishedRecords(String id) {
    return Optional.ofNullable(finishedRecords.get(id));
  }

  /** The catalog with one more live evaluation (not persisted: it is in the search's deliveries). */
  public Catalog recorded(String id, EvaluationRecord record) {
    return new Catalog(registry.recorded(id, record), finishedRecords);
  }

  /**
   * @param specs reads a stored spec back (the JSON reader, which needs the benchmark tables)
   * @throws IllegalStateException for an event that does not fit the catalog (a corrupt journal)
   */
  public Catalog apply(CatalogEvent event, Function<String, SearchSpec> specs) {
    if (event instanceof CatalogEvent.Submitted s) {
      SearchRegistry.Outcome o = registry.submit(s.id(), specs.apply(s.specJson()), s.idempotencyKey());
      if (o.kind() != SearchRegistry.Kind.CREATED) {
        throw new IllegalStateException("stored submission of " + s.id() + " does not create a search: " + o.kind());
      }
      return new Catalog(o.registry(), finishedRecords);
    } else if (event instanceof CatalogEvent.Started s) {
      return new Catalog(registry.started(s.id()), finishedRecords);
    } else if (event instanceof CatalogEvent.Finished f) {
      Map<String, List<EvaluationRecord>> records = new HashMap<>(finishedRecords);
      records.put(f.id(), f.records());
      SearchSpec spec = registry.get(f.id()).orElseThrow(() -> new IllegalStateException(
          "stored finish of " + f.id() + ", which was never submitted")).currentSpec();
      return new Catalog(registry.finished(f.id(), f.report(spec)), Map.copyOf(records));
    } else if (event instanceof CatalogEvent.Failed f) {
      return new Catalog(registry.failed(f.id(), f.reason()), finishedRecords);
    } else if (event instanceof CatalogEvent.Cancelled c) {
      return new Catalog(registry.cancel(c.id()).registry(), finishedRecords);
    } else if (event instanceof CatalogEvent.BudgetsChanged b) {
      return new Catalog(registry.budgetsChanged(b.id(), b.budgets()), finishedRecords);
    } else if (event instanceof CatalogEvent.TaskJoined j) {
      return new Catalog(registry.taskJoined(j.id(), specs.apply(j.specJson()).task(j.task())), finishedRecords);
    } else if (event instanceof CatalogEvent.Paused p) {
      return new Catalog(registry.pause(p.id()).registry(), finishedRecords);
    } else if (event instanceof CatalogEvent.Resumed r) {
      return new Catalog(registry.resume(r.id()).registry(), finishedRecords);
    } else if (event instanceof CatalogEvent.Deleted d) {
      Map<String, List<EvaluationRecord>> records = new HashMap<>(finishedRecords);
      records.remove(d.id());
      return new Catalog(registry.delete(d.id()).registry(), Map.copyOf(records));
    }
    throw new IllegalArgumentException("unknown catalog event " + event);
  }
}
