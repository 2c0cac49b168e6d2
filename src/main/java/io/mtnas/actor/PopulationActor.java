package io.mtnas.actor;

import io.mtnas.domain.evaluation.EvaluationJob;
import io.mtnas.domain.evaluation.EvaluationOutcome;
import io.mtnas.domain.population.Candidate;
import io.mtnas.domain.population.Individual;
import io.mtnas.domain.population.PopulationState;
import io.mtnas.domain.population.Proposal;
import io.mtnas.domain.search.EvaluationRecord;
import io.mtnas.domain.search.TaskResult;
import io.mtnas.domain.search.TaskSpec;
import io.mtnas.domain.evaluation.EvaluationTask;
import io.mtnas.protocol.ManagerCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * One task's steady-state evolution: whenever a result comes back it is integrated and new
 * candidates are proposed at once, keeping {@code parallelism} evaluations outstanding; there is
 * no generation barrier. All decisions are the pure {@link PopulationState}'s; this actor holds it
 * and the task's random generator, and reports each evaluation and the task's end.
 */
public final class PopulationActor extends AbstractBehavior<PopulationActor.Command> {

  public interface Command {}

  /** Submit the first batch. */
  public enum Start implements Command, NoSerializationVerificationNeeded {
    INSTANCE
  }

  /** What the population tells whoever runs the search. */
  public sealed interface Report extends NoSerializationVerificationNeeded {}

  /** One evaluation integrated. */
  public record Recorded(EvaluationRecord record) implements Report {}

  /** The task wants nothing more and has nothing outstanding. */
  public record Finished(TaskResult result) implements Report {}

  private record WrappedDelivered(WorkManager.Delivered delivered)
      implements Command, NoSerializationVerificationNeeded {}

  private final TaskSpec task;
  private final EvaluationTask evaluationTask;
  private final RandomGenerator rng;
  private final int parallelism;
  private final ActorRef<ManagerCommand> manager;
  private final ActorRef<Report> reportTo;
  private final ActorRef<WorkManager.Delivered> deliveries;
  private final ProgressEvents events;
  private final LongSupplier elapsedMillis;
  private PopulationState state;
  private boolean finished;

  private PopulationActor(
      ActorContext<Command> context,
      PopulationState initial,
      RandomGenerator rng,
      int parallelism,
      ActorRef<ManagerCommand> manager,
      ActorRef<Report> reportTo,
      ProgressEvents events,
      LongSupplier elapsedMillis) {
    super(context);
    this.state = initial;
    this.task = initial.task();
    this.evaluationTask = task.evaluationTask();
    this.rng = rng;
    this.parallelism = parallelism;
    this.manager = manager;
    this.reportTo = reportTo;
    this.events = events;
    this.elapsedMillis = elapsedMillis;
    this.deliveries = context.messageAdapter(WorkManager.Delivered.class, WrappedDelivered::new);
  }

  /**
   * @param rng this task's own generator: its draws depend only on this task's results, so a
   *     seeded search is reproducible however the tasks' messages interleave
   * @param parallelism evaluations kept outstanding
   */
  public static Behavior<Command> create(
      PopulationState initial,
      RandomGenerator rng,
      int parallelism,
      ActorRef<ManagerCommand> manager,
      ActorRef<Report> reportTo,
      ProgressEvents events,
      LongSupplier elapsedMillis) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
    }
    return Behaviors.setup(
        context ->
            new PopulationActor(
                context, initial, rng, parallelism, manager, reportTo, events, elapsedMillis));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessageEquals(Start.INSTANCE, this::proposeAndSubmit)
        .onMessage(WrappedDelivered.class, m -> onDelivered(m.delivered()))
        .build();
  }

  private Behavior<Command> onDelivered(WorkManager.Delivered d) {
    EvaluationOutcome outcome = d.outcome();
    if (!state.isOutstanding(outcome.jobId())) {
      getContext().getLog().warn("ignoring outcome of {}: not outstanding", outcome.jobId());
      return proposeAndSubmit(); // the manager still waits for this population's reply
    }
    Candidate candidate = state.outstanding(outcome.jobId()).orElseThrow();
    boolean wasSolved = state.solved();
    var bestBefore = state.best().map(Individual::fitness);
    state = state.integrate(outcome);
    if (outcome instanceof EvaluationOutcome.Scored scored) {
      recordScored(scored, candidate, d, bestBefore.orElse(Double.NaN), wasSolved);
    }
    return proposeAndSubmit();
  }

  private void recordScored(
      EvaluationOutcome.Scored scored,
      Candidate candidate,
      WorkManager.Delivered d,
      double bestBefore,
      boolean wasSolved) {
    Individual best = state.best().orElseThrow();
    int evaluation = state.evaluations();
    reportTo.tell(
        new Recorded(
            new EvaluationRecord(
                task.name(),
                evaluation,
                scored.jobId(),
                scored.architecture(),
                candidate.origin().id(),
                scored.fitness(),
                best.fitness(),
                scored.metrics(),
                scored.costSeconds())));
    events.evaluated(
        task.name(),
        scored,
        evaluation,
        best.fitness(),
        candidate.origin().id(),
        d.workerId(),
        d.wallMicros(),
        elapsedMillis.getAsLong());
    if (best.evaluation() == evaluation && (Double.isNaN(bestBefore) || best.fitness() != bestBefore)) {
      events.newBest(task.name(), best.architecture(), best.fitness(), evaluation);
    }
    if (!wasSolved && state.solved()) {
      events.taskSolved(
          task.name(), best.architecture(), best.fitness(), task.threshold().getAsDouble(), evaluation);
    }
  }

  /** Tops outstanding work up to the parallelism and replies to the manager (maybe empty). */
  private Behavior<Command> proposeAndSubmit() {
    List<EvaluationJob> batch = new ArrayList<>();
    while (state.wantsMore() && state.outstandingCount() < parallelism) {
      Proposal p = state.propose(rng);
      state = p.next();
      batch.add(new EvaluationJob(p.candidate().id(), evaluationTask, p.candidate().architecture(), 1));
    }
    manager.tell(new WorkManager.Submit(task.name(), batch, deliveries));
    if (!finished && !state.wantsMore() && state.outstandingCount() == 0) {
      finished = true;
      TaskResult result = state.result();
      events.taskFinished(result);
      reportTo.tell(new Finished(result));
    }
    return this;
  }
}
