package io.mtnas.actor;

import io.mtnas.domain.work.WorkSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The host of {@code mtnas serve}: the shared pool of evaluator workers, and one session per
 * running search ({@link SearchHost#session}). A search run again (resumed after a pause) waits
 * until its previous session has stopped, as does the erasure of a deleted one: two journals of
 * one search must never be alive. Changes (budgets, joins) for a search that waits are passed on
 * when it starts.
 */
final class ServiceHost extends AbstractBehavior<SearchHost.Command> {
  private final WorkSettings settings;
  private final Executor blockingExecutor;
  private final Map<String, ActorRef<SearchHost.SessionMessage>> sessions = new HashMap<>();
  private final Map<String, SearchHost.RunSearch> waiting = new HashMap<>();
  private final Map<String, List<SearchHost.Change>> waitingChanges = new HashMap<>();
  private final Set<String> toErase = new HashSet<>();
  /** Sessions spawned so far: a search's new session must not take its stopping one's name. */
  private long spawned;

  ServiceHost(ActorContext<SearchHost.Command> context, WorkSettings settings, Executor blockingExecutor,
      SearchHost.Pool pool) {
    super(context);
    this.settings = settings;
    this.blockingExecutor = blockingExecutor;
    for (int i = 1; i <= pool.size(); i++) {
      context.spawn(EvaluatorWorker.shared("pool-worker-" + i, EvaluatorWorker.CPU, pool.evaluators(),
          List.of(EvaluatorWorker.SERVICE_KEY, EvaluatorWorker.LOCAL_POOL_KEY), blockingExecutor), "pool-worker-" + i);
    }
  }

  @Override
  public Receive<SearchHost.Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(SearchHost.RunSearch.class, this::onRun)
        .onMessage(SearchHost.SetBudgets.class, m -> change(m.searchId(), new SearchCoordinator.SetBudgets(m.budgets())))
        .onMessage(SearchHost.JoinTasks.class, m -> change(m.searchId(), new SearchCoordinator.JoinTasks(m.tasks())))
        .onMessage(SearchHost.Erase.class, this::onErase)
        .onMessage(SearchHost.SessionStopped.class, this::onSessionStopped)
        .build();
  }

  private Behavior<SearchHost.Command> onRun(SearchHost.RunSearch run) {
    if (sessions.containsKey(run.searchId())) {
      waiting.put(run.searchId(), run);
    } else {
      start(run);
    }
    return this;
  }

  /** A change for a running search's coordinator, kept in order for one that waits to run again. */
  private Behavior<SearchHost.Command> change(String searchId, SearchCoordinator.Command command) {
    SearchHost.Change change = new SearchHost.Change(command);
    if (waiting.containsKey(searchId)) {
      waitingChanges.computeIfAbsent(searchId, id -> new ArrayList<>()).add(change);
    } else if (sessions.containsKey(searchId)) {
      sessions.get(searchId).tell(change);
    }
    return this;
  }

  private Behavior<SearchHost.Command> onErase(SearchHost.Erase m) {
    if (sessions.containsKey(m.searchId())) {
      toErase.add(m.searchId());
    } else {
      erase(m.searchId());
    }
    return this;
  }

  private Behavior<SearchHost.Command> onSessionStopped(SearchHost.SessionStopped m) {
    if (sessions.get(m.searchId()) != m.session()) {
      return this; // an older session of a search that runs again
    }
    sessions.remove(m.searchId());
    if (toErase.remove(m.searchId())) {
      erase(m.searchId());
    }
    SearchHost.RunSearch next = waiting.remove(m.searchId());
    if (next != null) {
      start(next);
    }
    return this;
  }

  private void start(SearchHost.RunSearch run) {
    var session = getContext().spawn(SearchHost.session(run, settings, blockingExecutor),
        "search-" + run.searchId() + "-" + (++spawned));
    getContext().watchWith(session, new SearchHost.SessionStopped(run.searchId(), session));
    sessions.put(run.searchId(), session);
    waitingChanges.getOrDefault(run.searchId(), List.of()).forEach(session::tell);
    waitingChanges.remove(run.searchId());
  }

  private void erase(String searchId) {
    getContext().spawnAnonymous(JournalEraser.erase(DeliveryJournal.persistenceId(searchId)));
  }
}
