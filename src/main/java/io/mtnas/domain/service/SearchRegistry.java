package io.mtnas.domain.service;

import io.mtnas.domain.search.EvaluationRecord;
import io.mtnas.domain.search.SearchReport;
import io.mtnas.domain.search.SearchSpec;
import io.mtnas.domain.search.TaskSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every search the service holds, as a value: each operation returns a new registry and leaves
 * this one as it was. The actor shell keeps the current one, feeds it what happens (a submission,
 * a search started, an evaluation, a report, a failure, a cancel or a delete) and does what the
 * outcome says (start a search, stop one, answer a request). Ids come from outside, so the
 * registry draws nothing itself.
 *
 * <p>Rules: a new search is QUEUED; a queued or running one may be PAUSED and, resumed, is QUEUED
 * again (a paused search does not count as running); budgets change only with the caller's
 * current revision; {@link #startable(int)} names the oldest queued searches that
 * fit under the limit of running ones; events for a search that is not RUNNING are ignored (an
 * evaluation that lands after a cancel changes nothing); only a search that is over can be
 * deleted; a repeated idempotency key gives back the search first submitted with it (and a
 * conflict when the spec differs).
 */
public final class SearchRegistry {
  /** What an operation did. */
  public enum Kind {
    /** a new search was added */
    CREATED,
    /** the idempotency key was known: {@code entry} is the first search submitted with it */
    REPLAYED,
    /** the idempotency key was known for a different spec: {@code entry} is that search */
    KEY_CONFLICT,
    /** the search changed (cancelled, deleted) */
    CHANGED,
    /** no search has that id */
    NOT_FOUND,
    /** the search's state does not allow it: {@code entry} is the search as it is */
    CONFLICT,
    /** the caller's revision is not the search's: {@code entry} is the search as it is */
    STALE,
    /** the change names a task the search does not have, or a budget below 1 */
    INVALID
  }

  /**
   * @param registry the registry after the operation (this one when nothing changed)
   * @param entry the search concerned, as it is after the operation (before it, for a delete)
   * @param wasRunning for a cancel or a pause: the search was RUNNING, so the shell must stop its
   *     engine; for a budget change: its engine must hear of it
   */
  public record Outcome(SearchRegistry registry, Kind kind, Optional<SearchEntry> entry, boolean wasRunning) {
    public Outcome {
      Objects.requireNonNull(registry, "registry");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(entry, "entry");
    }
  }

  private static final SearchRegistry EMPTY = new SearchRegistry(Map.of(), Map.of(), 0);

  private final Map<String, SearchEntry> entries;
  private final Map<String, String> keys;
  private final long submitted;

  private SearchRegistry(Map<String, SearchEntry> entries, Map<String, String> keys, long submitted) {
    this.entries = entries;
    this.keys = keys;
    this.submitted = submitted;
  }

  public static SearchRegistry empty() {
    return EMPTY;
  }

  /** Adds a QUEUED search under {@code id}, or gives back the one its idempotency key names. */
  public Outcome submit(String id, SearchSpec spec, Optional<String> idempotencyKey) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(spec, "spec");
    if (idempotencyKey.isPresent() && keys.containsKey(idempotencyKey.get())) {
      SearchEntry first = entries.get(keys.get(idempotencyKey.get()));
      return new Outcome(this, first.spec().equals(spec) ? Kind.REPLAYED : Kind.KEY_CONFLICT,
          Optional.of(first), false);
    }
    if (entries.containsKey(id)) {
      throw new IllegalArgumentException("search id " + id + " is taken");
    }
    List<TaskProgress> tasks = spec.tasks().stream().map(TaskProgress::start).toList();
    SearchEntry entry = new SearchEntry(id, submitted + 1, spec, SearchState.QUEUED, 1, false, idempotencyKey, List.of(),
        tasks,
        Optional.empty(), Optional.empty());
    Map<String, String> newKeys = keys;
    if (idempotencyKey.isPresent()) {
      newKeys = new LinkedHashMap<>(keys);
      newKeys.put(idempotencyKey.get(), id);
      newKeys = Collections.unmodifiableMap(newKeys);
    }
    return new Outcome(new SearchRegistry(put(entry), newKeys, submitted + 1), Kind.CREATED, Optional.of(entry),
        false);
  }

  /** The queued searches to start now, oldest first, so that at most {@code maxRunning} run. */
  public List<String> startable(int maxRunning) {
    long running = entries.values().stream().filter(e -> e.state() == SearchState.RUNNING).count();
    List<String> ids = new ArrayList<>();
    for (SearchEntry e : entries.values()) {
      if (running + ids.size() >= maxRunning) {
        break;
      }
      if (e.state() == SearchState.QUEUED) {
        ids.add(e.id());
      }
    }
    return ids;
  }

  /**
   * A queued search is now running; or a running one runs again (its engine ended before a task
   * that joined it reached it), and its progress starts over as it replays.
   */
  public SearchRegistry started(String id) {
    SearchEntry e = entries.get(id);
    if (e == null || (e.state() != SearchState.QUEUED && e.state() != SearchState.RUNNING)) {
      return this;
    }
    return with(e.started());
  }

  /** One more evaluation of a running search. */
  public SearchRegistry recorded(String id, EvaluationRecord record) {
    SearchEntry e = entries.get(id);
    if (e == null || e.state() != SearchState.RUNNING) {
      return this;
    }
    List<TaskProgress> tasks = new ArrayList<>(e.tasks());
    for (int i = 0; i < tasks.size(); i++) {
      if (tasks.get(i).task().equals(record.task())) {
        TaskSpec spec = e.currentSpec().task(record.task());
        tasks.set(i, tasks.get(i).plus(record, spec));
        return with(e.withTasks(tasks));
      }
    }
    return this;
  }

  /** A running search ended with its report. */
  public SearchRegistry finished(String id, SearchReport report) {
    SearchEntry e = entries.get(id);
    if (e == null || e.state() != SearchState.RUNNING) {
      return this;
    }
    return with(e.finished(report));
  }

  /** A running search stopped without a report. */
  public SearchRegistry failed(String id, String why) {
    SearchEntry e = entries.get(id);
    if (e == null || e.state() != SearchState.RUNNING) {
      return this;
    }
    return with(e.failed(why));
  }

  /** Cancels a queued, running or paused search; one that is over is a conflict. */
  public Outcome cancel(String id) {
    SearchEntry e = entries.get(id);
    if (e == null) {
      return new Outcome(this, Kind.NOT_FOUND, Optional.empty(), false);
    }
    if (e.state().over()) {
      return new Outcome(this, Kind.CONFLICT, Optional.of(e), false);
    }
    SearchEntry cancelled = e.withState(SearchState.CANCELLED);
    return new Outcome(with(cancelled), Kind.CHANGED, Optional.of(cancelled), e.state() == SearchState.RUNNING);
  }

  /**
   * New budgets for some tasks of a search that is not over, if {@code revision} is still its
   * revision (optimistic concurrency: two clients raising the same budget do not both win). A
   * task the search does not have, or a budget below 1, is {@link Kind#INVALID}.
   */
  public Outcome changeBudgets(String id, long revision, Map<String, Integer> budgets) {
    SearchEntry e = entries.get(id);
    if (e == null) {
      return new Outcome(this, Kind.NOT_FOUND, Optional.empty(), false);
    }
    if (e.revision() != revision) {
      return new Outcome(this, Kind.STALE, Optional.of(e), false);
    }
    if (e.state().over()) {
      return new Outcome(this, Kind.CONFLICT, Optional.of(e), false);
    }
    if (invalid(e, budgets).isPresent()) {
      return new Outcome(this, Kind.INVALID, Optional.of(e), false);
    }
    SearchEntry changed = e.withBudgets(budgets);
    return new Outcome(with(changed), Kind.CHANGED, Optional.of(changed), e.state() == SearchState.RUNNING);
  }

  /** A stored budget change, applied again as it was accepted. */
  public SearchRegistry budgetsChanged(String id, Map<String, Integer> budgets) {
    SearchEntry e = entries.get(id);
    if (e == null || e.state().over()) {
      return this;
    }
    invalid(e, budgets).ifPresent(why -> {
      throw new IllegalStateException("stored budget change of " + id + ": " + why);
    });
    return with(e.withBudgets(budgets));
  }

  /**
   * A new task for a search that is not over: part of its spec while it never started, else it
   * joins the running (or paused) engine. A name the search has is a {@link Kind#CONFLICT}, as is a
   * search that is over.
   */
  public Outcome joinTask(String id, TaskSpec task) {
    SearchEntry e = entries.get(id);
    if (e == null) {
      return new Outcome(this, Kind.NOT_FOUND, Optional.empty(), false);
    }
    if (e.state().over() || e.tasks().stream().anyMatch(t -> t.task().equals(task.name()))) {
      return new Outcome(this, Kind.CONFLICT, Optional.of(e), false);
    }
    SearchEntry joined = e.withTask(task);
    return new Outcome(with(joined), Kind.CHANGED, Optional.of(joined), e.state() == SearchState.RUNNING);
  }

  /** A stored join, applied again as it was accepted. */
  public SearchRegistry taskJoined(String id, TaskSpec task) {
    Outcome o = joinTask(id, task);
    if (o.kind() != Kind.CHANGED) {
      throw new IllegalStateException("stored join of task " + task.name() + " to " + id + ": " + o.kind());
    }
    return o.registry();
  }

  /** What is wrong with a budget change, if anything. */
  public static Optional<String> invalid(SearchEntry e, Map<String, Integer> budgets) {
    if (budgets.isEmpty()) {
      return Optional.of("no budget to change");
    }
    for (Map.Entry<String, Integer> b : budgets.entrySet()) {
      if (e.tasks().stream().noneMatch(t -> t.task().equals(b.getKey()))) {
        return Optional.of("search " + e.id() + " has no task \"" + b.getKey() + "\"");
      }
      if (b.getValue() == null || b.getValue() < 1) {
        return Optional.of("budget of task " + b.getKey() + " must be >= 1, got " + b.getValue());
      }
    }
    return Optional.empty();
  }

  /** A search that is not over and starts from {@code id}'s results, if any. */
  public Optional<SearchEntry> warmedBy(String id) {
    return entries.values().stream().filter(x -> !x.state().over() && x.spec().warmFrom().contains(id)).findFirst();
  }

  /**
   * What is wrong with a spec's {@code warm_from}, by index: each must be a FINISHED search of this
   * registry in the same space.
   */
  public Optional<Map.Entry<Integer, String>> badWarmFrom(SearchSpec spec) {
    for (int i = 0; i < spec.warmFrom().size(); i++) {
      String id = spec.warmFrom().get(i);
      SearchEntry e = entries.get(id);
      String why = e == null ? "no search " + id + " in this service"
          : e.state() != SearchState.FINISHED ? "search " + id + " is " + e.state() + "; a search starts only from"
              + " finished ones"
          : !e.spec().space().equals(spec.space()) ? "search " + id + " searched space " + e.spec().space()
              + ", this spec " + spec.space()
          : null;
      if (why != null) {
        return Optional.of(Map.entry(i, why));
      }
    }
    return Optional.empty();
  }

  /** Pauses a queued or running search; one that is paused already or over is a conflict. */
  public Outcome pause(String id) {
    SearchEntry e = entries.get(id);
    if (e == null) {
      return new Outcome(this, Kind.NOT_FOUND, Optional.empty(), false);
    }
    if (e.state() != SearchState.QUEUED && e.state() != SearchState.RUNNING) {
      return new Outcome(this, Kind.CONFLICT, Optional.of(e), false);
    }
    SearchEntry paused = e.withState(SearchState.PAUSED);
    return new Outcome(with(paused), Kind.CHANGED, Optional.of(paused), e.state() == SearchState.RUNNING);
  }

  /** Puts a paused search back in the queue; any other is a conflict. */
  public Outcome resume(String id) {
    SearchEntry e = entries.get(id);
    if (e == null) {
      return new Outcome(this, Kind.NOT_FOUND, Optional.empty(), false);
    }
    if (e.state() != SearchState.PAUSED) {
      return new Outcome(this, Kind.CONFLICT, Optional.of(e), false);
    }
    SearchEntry queued = e.withState(SearchState.QUEUED);
    return new Outcome(with(queued), Kind.CHANGED, Optional.of(queued), false);
  }

  /**
   * Forgets a search that is over (and its idempotency key); a queued or running one is a conflict,
   * as is one that a search not over starts from ({@code warm_from}: it replays from its results).
   */
  public Outcome delete(String id) {
    SearchEntry e = entries.get(id);
    if (e == null) {
      return new Outcome(this, Kind.NOT_FOUND, Optional.empty(), false);
    }
    if (!e.state().over() || warmedBy(id).isPresent()) {
      return new Outcome(this, Kind.CONFLICT, Optional.of(e), false);
    }
    Map<String, SearchEntry> newEntries = new LinkedHashMap<>(entries);
    newEntries.remove(id);
    Map<String, String> newKeys = keys;
    if (e.idempotencyKey().isPresent()) {
      newKeys = new LinkedHashMap<>(keys);
      newKeys.remove(e.idempotencyKey().get());
      newKeys = Collections.unmodifiableMap(newKeys);
    }
    return new Outcome(new SearchRegistry(Collections.unmodifiableMap(newEntries), newKeys, submitted),
        Kind.CHANGED, Optional.of(e), false);
  }

  public Optional<SearchEntry> get(String id) {
    return Optional.ofNullable(entries.get(id));
  }

  /** Searches in submission order, only those in {@code state} when given. */
  public List<SearchEntry> list(Optional<SearchState> state) {
    return entries.values().stream().filter(e -> state.isEmpty() || e.state() == state.get()).toList();
  }

  /** One page of {@link #list}: the searches after submission number {@code afterNumber}, at most {@code limit}. */
  public record Page(List<SearchEntry> entries, boolean more) {}

  public Page page(Optional<SearchState> state, long afterNumber, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, got " + limit);
    }
    List<SearchEntry> out = new ArrayList<>();
    for (SearchEntry e : entries.values()) { // in submission order
      if (e.number() <= afterNumber || (state.isPresent() && e.state() != state.get())) {
        continue;
      }
      if (out.size() == limit) {
        return new Page(out, true);
      }
      out.add(e);
    }
    return new Page(out, false);
  }

  public int size() {
    return entries.size();
  }

  private SearchRegistry with(SearchEntry changed) {
    return new SearchRegistry(put(changed), keys, submitted);
  }

  private Map<String, SearchEntry> put(SearchEntry entry) {
    Map<String, SearchEntry> copy = new LinkedHashMap<>(entries);
    copy.put(entry.id(), entry);
    return Collections.unmodifiableMap(copy);
  }
}
