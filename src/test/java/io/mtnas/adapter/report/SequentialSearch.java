package io.mtnas.adapter.report;

import io.mtnas.domain.embedding.OneHotEmbedder;
import io.mtnas.domain.evaluation.EvaluationJob;
import io.mtnas.domain.evaluation.EvaluationOutcome;
import io.mtnas.domain.population.PopulationState;
import io.mtnas.domain.predictor.Observation;
import io.mtnas.domain.predictor.ProxySource;
import io.mtnas.domain.random.DerivedRandom;
import io.mtnas.domain.search.EvaluationRecord;
import io.mtnas.domain.search.StrategySpec;
import io.mtnas.domain.search.TaskSpec;
import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.space.SearchSpace;
import io.mtnas.domain.tasksearch.TaskEffect;
import io.mtnas.domain.tasksearch.TaskInput;
import io.mtnas.domain.tasksearch.TaskSearch;
import io.mtnas.domain.transfer.Offer;
import io.mtnas.domain.transfer.TransferCandidates;
import io.mtnas.domain.transfer.TransferHistory;
import io.mtnas.domain.transfer.TransferRank;
import io.mtnas.domain.work.Delivery;
import io.mtnas.domain.work.LedgerUpdate;
import io.mtnas.domain.work.RetryPolicy;
import io.mtnas.domain.work.WorkEvent;
import io.mtnas.domain.work.WorkLedger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleBiFunction;

/**
 * A whole multi-task search with one worker, run in one thread from the pure parts the actors
 * host (one {@link TaskSearch} per task, the {@link WorkLedger}, the arbiter's transfer rank), and
 * its durable log: each task's inputs and the ledger's events. {@link #rebuild} restores a search
 * from that log alone, as a restarted service would; it derives the arbiter's state (observations,
 * labels) and the evaluation records from the effects the replayed inputs give again.
 */
final class SequentialSearch {
  static final String WORKER = "worker-1";

  private final List<TaskSpec> tasks;
  private final SearchSpace space;
  private final StrategySpec strategy;
  private final long seed;
  private final ToDoubleBiFunction<String, Architecture> fitness;
  final Map<String, List<TaskInput>> taskLogs = new LinkedHashMap<>();
  final List<WorkEvent> ledgerLog = new ArrayList<>();
  final List<EvaluationRecord> records = new ArrayList<>();
  private final Map<String, TaskSearch> searches = new LinkedHashMap<>();
  private final Map<String, TransferHistory> histories = new LinkedHashMap<>();
  private final List<Observation> observations = new ArrayList<>();
  private WorkLedger ledger;
  private long delivered;

  private SequentialSearch(List<TaskSpec> tasks, SearchSpace space, StrategySpec strategy, long seed,
      ToDoubleBiFunction<String, Architecture> fitness) {
    this.tasks = tasks;
    this.space = space;
    this.strategy = strategy;
    this.seed = seed;
    this.fitness = fitness;
    List<String> names = tasks.stream().map(TaskSpec::name).toList();
    ledger = WorkLedger.of(new RetryPolicy(3), names);
    for (TaskSpec t : tasks) {
      taskLogs.put(t.name(), new ArrayList<>());
      histories.put(t.name(), TransferHistory.empty());
      searches.put(t.name(), TaskSearch.start(PopulationState.of(t, space, strategy),
          new TaskSearch.Settings(seed, strategy.parallelism(), false, strategy.transfer().enabled(),
              ProxySource.NONE)));
    }
  }

  static SequentialSearch start(List<TaskSpec> tasks, SearchSpace space, StrategySpec strategy, long seed,
      ToDoubleBiFunction<String, Architecture> fitness) {
    SequentialSearch s = new SequentialSearch(tasks, space, strategy, seed, fitness);
    tasks.forEach(t -> s.feed(t.name(), TaskInput.Start.INSTANCE));
    return s;
  }

  /** The search a restart restores from {@code logs} alone (inputs per task, ledger events). */
  static SequentialSearch rebuild(List<TaskSpec> tasks, SearchSpace space, StrategySpec strategy, long seed,
      ToDoubleBiFunction<String, Architecture> fitness, Map<String, List<TaskInput>> taskLogs,
      List<WorkEvent> ledgerLog) {
    SequentialSearch s = new SequentialSearch(tasks, space, strategy, seed, fitness);
    for (TaskSpec t : tasks) {
      for (TaskInput input : taskLogs.get(t.name())) {
        s.taskLogs.get(t.name()).add(input);
        TaskSearch.Step step = s.searches.get(t.name()).apply(input);
        s.searches.put(t.name(), step.next());
        step.effects().forEach(e -> s.remember(t.name(), e));
      }
    }
    s.observations.sort(Comparator.comparingLong(Observation::sequence));
    s.delivered = taskLogs.values().stream().flatMap(List::stream)
        .filter(i -> i instanceof TaskInput.ResultArrived)
        .mapToLong(i -> ((TaskInput.ResultArrived) i).sequence()).max().orElse(0);
    ledgerLog.forEach(e -> s.record(e));
    return s;
  }

  /** Dispatches and evaluates one job; false when the search is over. */
  boolean step() {
    Optional<EvaluationJob> next = ledger.nextJob();
    if (next.isEmpty()) {
      return false;
    }
    EvaluationJob job = next.get();
    record(new WorkEvent.Started(job.id(), WORKER, Long.MAX_VALUE));
    EvaluationOutcome.Scored scored = new EvaluationOutcome.Scored(job.id(), job.architecture(),
        fitness.applyAsDouble(job.id().task(), job.architecture()), Map.of("params", (double) job.architecture().index()),
        1.0);
    for (Delivery d : record(new WorkEvent.Completed(WORKER, scored)).deliveries()) {
      feed(d.submitter(), new TaskInput.ResultArrived(d.outcome(), ++delivered, WORKER, 0, 0));
    }
    return true;
  }

  /** Starts the next job and stops there, as a process killed mid-evaluation would. */
  void startNextAndDie() {
    EvaluationJob job = ledger.nextJob().orElseThrow();
    record(new WorkEvent.Started(job.id(), WORKER, Long.MAX_VALUE));
  }

  /** After a restart the old worker is gone: its job goes back to the queue. */
  void loseWorker() {
    record(new WorkEvent.WorkerLost(WORKER)).deliveries().forEach(d -> {
      throw new IllegalStateException("a lost worker gave up " + d);
    });
  }

  private LedgerUpdate record(WorkEvent event) {
    ledgerLog.add(event);
    LedgerUpdate update = ledger.apply(event);
    ledger = update.ledger();
    return update;
  }

  private void feed(String task, TaskInput input) {
    taskLogs.get(task).add(input);
    TaskSearch.Step step = searches.get(task).apply(input);
    searches.put(task, step.next());
    for (TaskEffect e : step.effects()) {
      remember(task, e);
      if (e instanceof TaskEffect.Dispatch d) {
        record(new WorkEvent.Submitted(task, d.jobs()));
      } else if (e instanceof TaskEffect.AskTransfers a) {
        feed(task, new TaskInput.TransfersDecided(decide(task, a)));
      } else if (e instanceof TaskEffect.AskScores) {
        throw new UnsupportedOperationException("no predictor in a sequential search");
      }
    }
  }

  /** What the search keeps of an effect: the arbiter's inputs and the evaluation records. */
  private void remember(String task, TaskEffect e) {
    if (e instanceof TaskEffect.Observe o) {
      o.observation().ifPresent(observations::add);
    } else if (e instanceof TaskEffect.LabelDecided l) {
      histories.put(task, histories.get(task).with(l.label()));
    } else if (e instanceof TaskEffect.Recorded r) {
      records.add(r.record());
    }
  }

  /** The arbiter's decision, as TransferArbiter takes it: results up to asOf, draws from (seed, target, round). */
  private List<Offer> decide(String target, TaskEffect.AskTransfers ask) {
    List<Observation> known = observations.stream().filter(o -> o.sequence() <= ask.asOf()).toList();
    List<Offer> candidates = TransferCandidates.of(target, tasks.stream().map(TaskSpec::name).toList(),
        strategy.populationSize(), known);
    return TransferRank.decide(target, ask.round(), candidates, histories.get(target), strategy.transfer(),
        new OneHotEmbedder(space), DerivedRandom.of(seed, "arbiter/" + target, "transfer", ask.round())).accepted();
  }
}
