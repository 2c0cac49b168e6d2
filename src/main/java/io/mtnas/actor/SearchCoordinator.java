package io.mtnas.actor;

import io.mtnas.domain.population.PopulationState;
import io.mtnas.domain.search.EvaluationRecord;
import io.mtnas.domain.search.SearchReport;
import io.mtnas.domain.search.SearchSpec;
import io.mtnas.domain.search.TaskResult;
import io.mtnas.domain.search.TaskSpec;
import io.mtnas.domain.space.SearchSpace;
import io.mtnas.domain.space.SearchSpaces;
import io.mtnas.protocol.ManagerCommand;
import io.mtnas.protocol.WorkerCommand;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * Runs one search: spawns its work manager and one population per task, collects every
 * evaluation and each task's end, and replies with the report when all tasks have finished.
 */
public final class SearchCoordinator extends AbstractBehavior<SearchCoordinator.Command> {

  public interface Command {}

  /** The search is over. {@code records} are in arrival order (sort for reproducible output). */
  public record Done(SearchReport report, List<EvaluationRecord> records)
      implements NoSerializationVerificationNeeded {}

  private record WrappedReport(PopulationActor.Report report)
      implements Command, NoSerializationVerificationNeeded {}

  private final String searchId;
  private final SearchSpec spec;
  private final Consumer<EvaluationRecord> recordSink;
  private final ActorRef<Done> replyTo;
  private final ActorRef<ManagerCommand> manager;
  private final ProgressEvents events;
  private final long startedNanos;
  private final List<EvaluationRecord> records = new ArrayList<>();
  private final Map<String, TaskResult> results = new HashMap<>();

  private SearchCoordinator(
      ActorContext<Command> context,
      String searchId,
      SearchSpec spec,
      ServiceKey<WorkerCommand> workerKey,
      WorkSettings settings,
      Consumer<EvaluationRecord> recordSink,
      ActorRef<Done> replyTo) {
    super(context);
    this.searchId = searchId;
    this.spec = spec;
    this.recordSink = recordSink;
    this.replyTo = replyTo;
    this.events = new ProgressEvents(searchId);
    this.startedNanos = System.nanoTime();
    events.searchStarted(spec);
    List<String> taskNames = spec.tasks().stream().map(TaskSpec::name).toList();
    this.manager =
        context.spawn(
            WorkManager.create(
                searchId, taskNames, workerKey, settings, System::currentTimeMillis, events),
            "work-manager");
    startPopulations(context);
  }

  /**
   * @param workerKey the Receptionist key of the workers that serve this search
   * @param recordSink called with every evaluation as it is integrated (a journal)
   */
  public static Behavior<Command> create(
      String searchId,
      SearchSpec spec,
      ServiceKey<WorkerCommand> workerKey,
      WorkSettings settings,
      Consumer<EvaluationRecord> recordSink,
      ActorRef<Done> replyTo) {
    return Behaviors.setup(
        context ->
            new SearchCoordinator(
                context, searchId, spec, workerKey, settings, recordSink, replyTo));
  }

  private void startPopulations(ActorContext<Command> context) {
    SearchSpace space = SearchSpaces.byId(spec.space());
    ActorRef<PopulationActor.Report> reports =
        context.messageAdapter(PopulationActor.Report.class, WrappedReport::new);
    // One generator per task, split in spec order: a task's draws never depend on another's.
    SplittableRandom root = new SplittableRandom(spec.seed());
    for (int i = 0; i < spec.tasks().size(); i++) {
      TaskSpec task = spec.tasks().get(i);
      ActorRef<PopulationActor.Command> population =
          context.spawn(
              PopulationActor.create(
                  PopulationState.of(task, space, spec.strategy()),
                  root.split(),
                  spec.parallelismPerTask(),
                  manager,
                  reports,
                  events,
                  this::elapsedMillis),
              "population-" + i);
      population.tell(PopulationActor.Start.INSTANCE);
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder().onMessage(WrappedReport.class, m -> onReport(m.report())).build();
  }

  private Behavior<Command> onReport(PopulationActor.Report report) {
    if (report instanceof PopulationActor.Recorded r) {
      records.add(r.record());
      recordSink.accept(r.record());
      return this;
    }
    TaskResult result = ((PopulationActor.Finished) report).result();
    results.put(result.task(), result);
    if (results.size() < spec.tasks().size()) {
      return this;
    }
    List<TaskResult> ordered = spec.tasks().stream().map(t -> results.get(t.name())).toList();
    SearchReport searchReport = new SearchReport(searchId, spec, ordered, elapsedMillis());
    events.searchFinished(searchReport);
    replyTo.tell(new Done(searchReport, List.copyOf(records)));
    manager.tell(WorkManager.Stop.INSTANCE);
    return Behaviors.stopped();
  }

  private long elapsedMillis() {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }
}
