package io.mtnas.domain.service;

import io.mtnas.domain.search.EvaluationRecord;
import io.mtnas.domain.search.SearchSpec;
import io.mtnas.domain.transfer.Label;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The durable part of the service's state: its {@link SearchRegistry} and the evaluations and
 * transfer labels of the searches that finished, rebuilt by applying {@link CatalogEvent}s in
 * order. Immutable.
 *
 * <p>A search that was RUNNING when the service stopped is RUNNING here with no progress: its
 * progress comes back as its own stored deliveries are replayed.
 */
public final class Catalog {
  private static final Catalog EMPTY = new Catalog(SearchRegistry.empty(), Map.of());

  private final SearchRegistry registry;
  private final Map<String, CatalogEvent.Finished> finished;

  private Catalog(SearchRegistry registry, Map<String, CatalogEvent.Finished> finished) {
    this.registry = registry;
    this.finished = finished;
  }

  public static Catalog empty() {
    return EMPTY;
  }

  public SearchRegistry registry() {
    return registry;
  }

  /** The evaluations of a FINISHED search. */
  public Optional<List<EvaluationRecord>> finishedRecords(String id) {
    return Optional.ofNullable(finished.get(id)).map(CatalogEvent.Finished::records);
  }

  /** The transfer labels a FINISHED search decided, in the order decided. */
  public Optional<List<Label>> finishedLabels(String id) {
    return Optional.ofNullable(finished.get(id)).map(CatalogEvent.Finished::labels);
  }

  /** The catalog with one more live evaluation (not persisted: it is in the search's deliveries). */
  public Catalog recorded(String id, EvaluationRecord record) {
    return new Catalog(registry.recorded(id, record), finished);
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
      return new Catalog(o.registry(), finished);
    } else if (event instanceof CatalogEvent.Started s) {
      return new Catalog(registry.started(s.id()), finished);
    } else if (event instanceof CatalogEvent.Finished f) {
      Map<String, CatalogEvent.Finished> records = new HashMap<>(finished);
      records.put(f.id(), f);
      SearchSpec spec = registry.get(f.id()).orElseThrow(() -> new IllegalStateException(
          "stored finish of " + f.id() + ", which was never submitted")).currentSpec();
      return new Catalog(registry.finished(f.id(), f.report(spec)), Map.copyOf(records));
    } else if (event instanceof CatalogEvent.Failed f) {
      return new Catalog(registry.failed(f.id(), f.reason()), finished);
    } else if (event instanceof CatalogEvent.Cancelled c) {
      return new Catalog(registry.cancel(c.id()).registry(), finished);
    } else if (event instanceof CatalogEvent.BudgetsChanged b) {
      return new Catalog(registry.budgetsChanged(b.id(), b.budgets()), finished);
    } else if (event instanceof CatalogEvent.TaskJoined j) {
      return new Catalog(registry.taskJoined(j.id(), specs.apply(j.specJson()).task(j.task())), finished);
    } else if (event instanceof CatalogEvent.Paused p) {
      return new Catalog(registry.pause(p.id()).registry(), finished);
    } else if (event instanceof CatalogEvent.Resumed r) {
      return new Catalog(registry.resume(r.id()).registry(), finished);
    } else if (event instanceof CatalogEvent.Deleted d) {
      Map<String, CatalogEvent.Finished> records = new HashMap<>(finished);
      records.remove(d.id());
      return new Catalog(registry.delete(d.id()).registry(), Map.copyOf(records));
    }
    throw new IllegalArgumentException("unknown catalog event " + event);
  }
}
