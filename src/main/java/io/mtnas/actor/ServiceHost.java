package io.mtnas.actor;

import io.mtnas.domain.work.WorkSettings;
import io.mtnas.protocol.WorkerCommand;
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
 * one search must never be alive. Budget changes for a search that waits are passed on when it
 * starts.
 */
final class ServiceHost extends AbstractBehavior<SearchHost.Command> {
  private final WorkSettings settings;
  private final Executor blockingExecutor;
  private final List<ActorRef<WorkerCommand>> poolWorkers = new ArrayList<>();
  private final Map<String, ActorRef<SearchHost.SessionMessage>> sessions = new HashMap<>();
  private final Map<String, SearchHost.RunSearch> waiting = new HashMap<>();
  private final Map<String, List<SearchHost.Budgets>> waitingBudgets = new HashMap<>();
  private final Set<String> toErase = new HashSet<>();
  /** Sessions spawned so far: a search's new session must not take its stopping one's name. */
  private long spawned;

  ServiceHost(ActorContext<SearchHost.Command> context, WorkSettings settings, Executor blockingExecutor,
      SearchHost.Pool pool) {
    super(context);
    this.settings = settings;
    this.blockingExecutor = blockingExecutor;
    for (int i = 1; i <= pool.size(); i++) {
      poolWorkers.add(context.spawn(EvaluatorWorker.shared("pool-worker-" + i, pool.evaluators(),
          EvaluatorWorker.SERVICE_KEY, blockingExecutor), "pool-worker-" + i));
    }
  }

  @Override
  public Receive<SearchHost.Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(SearchHost.RunSearch.class, this::onRun)
        .onMessage(SearchHost.SetBudgets.class, this::onSetBudgets)
        .onMessage(SearchHost.ListWorkers.class, m -> {
          m.replyTo().tell(List.copyOf(poolWorkers));
          return this;
        })
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

  private Behavior<SearchHost.Command> onSetBudgets(SearchHost.SetBudgets m) {
    SearchHost.Budgets budgets = new SearchHost.Budgets(m.budgets());
    if (waiting.containsKey(m.searchId())) {
      waitingBudgets.computeIfAbsent(m.searchId(), id -> new ArrayList<>()).add(budgets);
    } else if (sessions.containsKey(m.searchId())) {
      sessions.get(m.searchId()).tell(budgets);
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
    waitingBudgets.getOrDefault(run.searchId(), List.of()).forEach(session::tell);
    waitingBudgets.remove(run.searchId());
  }

  private void erase(String searchId) {
    getContext().spawnAnonymous(JournalEraser.erase(DeliveryJournal.persistenceId(searchId)));
  }
}
