package io.mtnas.actor;

import io.mtnas.domain.search.EvaluationRecord;
import io.mtnas.domain.search.TaskResult;
import io.mtnas.domain.tasksearch.TaskEffect;
import io.mtnas.domain.tasksearch.TaskInput;
import io.mtnas.domain.tasksearch.TaskSearch;
import io.mtnas.domain.transfer.Label;
import io.mtnas.protocol.ManagerCommand;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Hosts one task's {@link TaskSearch}: turns messages into its inputs and carries out the effects
 * it returns (jobs to the work manager, questions to the predictor and the arbiter, reports and
 * progress events). Every decision is the search value's; this actor keeps no other state.
 */
public final class PopulationActor extends AbstractBehavior<PopulationActor.Command> {
  private static final Duration ASK_TIMEOUT = Duration.ofMinutes(2);

  public interface Command {}

  /** Submit the first batch. */
  public enum Start implements Command, NoSerializationVerificationNeeded {
    INSTANCE
  }

  /** Submit the first batch of a task that joined the running search after {@code afterDelivery} deliveries. */
  public record Joined(long afterDelivery) implements Command, NoSerializationVerificationNeeded {}

  /** What the population tells whoever runs the search. */
  public sealed interface Report extends NoSerializationVerificationNeeded {}

  /** One evaluation integrated. */
  public record Recorded(EvaluationRecord record) implements Report {}

  /** The task wants nothing more and has nothing outstanding. */
  public record Finished(TaskResult result) implements Report {}

  /** A budget change was taken: the task is finished with {@code result}, or (empty) open. */
  public record BudgetApplied(String task, Optional<TaskResult> result) implements Report {}

  /** An architecture transferred from {@code source} was evaluated on this task. */
  public record Transferred(String source, String target) implements Report {}

  /** A transferred architecture's label was decided. */
  public record TransferLabelled(Label label) implements Report {}

  /** An input for the search value (a delivery, an answer), adapted from another actor's reply. */
  private record Input(TaskInput input) implements Command, NoSerializationVerificationNeeded {}

  private final String task;
  private final ActorRef<ManagerCommand> manager;
  private final ActorRef<Report> reportTo;
  private final ActorRef<WorkManager.Delivered> deliveries;
  private final ActorRef<WorkManager.BudgetNotice> budgets;
  private final TaskPeers peers;
  private final ProgressEvents events;
  private final LongSupplier elapsedMillis;
  private TaskSearch search;

  private PopulationActor(ActorContext<Command> context, TaskSearch search, ActorRef<ManagerCommand> manager,
      ActorRef<Report> reportTo, TaskPeers peers, ProgressEvents events, LongSupplier elapsedMillis) {
    super(context);
    this.search = search;
    this.task = search.population().task().name();
    this.manager = manager;
    this.reportTo = reportTo;
    this.peers = peers;
    this.events = events;
    this.elapsedMillis = elapsedMillis;
    this.deliveries = context.messageAdapter(WorkManager.Delivered.class, d -> new Input(
        new TaskInput.ResultArrived(d.outcome(), d.sequence(), d.workerId(), d.wallMicros(), elapsedMillis.getAsLong())));
    this.budgets = context.messageAdapter(WorkManager.BudgetNotice.class, b -> new Input(
        new TaskInput.BudgetChanged(b.budget())));
  }

  /** @param search the task's search, new or rebuilt from its event log */
  public static Behavior<Command> create(TaskSearch search, ActorRef<ManagerCommand> manager,
      ActorRef<Report> reportTo, TaskPeers peers, ProgressEvents events, LongSupplier elapsedMillis) {
    return Behaviors.setup(c -> new PopulationActor(c, search, manager, reportTo, peers, events, elapsedMillis));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessageEquals(Start.INSTANCE, () -> handle(TaskInput.Start.INSTANCE))
        .onMessage(Joined.class, m -> handle(new TaskInput.Joined(m.afterDelivery())))
        .onMessage(Input.class, m -> handle(m.input()))
        .build();
  }

  private Behavior<Command> handle(TaskInput input) {
    TaskSearch.Step step = search.apply(input);
    search = step.next();
    step.effects().forEach(this::perform);
    return this;
  }

  private void perform(TaskEffect effect) {
    if (effect instanceof TaskEffect.Dispatch d) {
      manager.tell(new WorkManager.Submit(task, d.jobs(), deliveries, budgets));
    } else if (effect instanceof TaskEffect.Observe o) {
      OutcomeObserved observed = new OutcomeObserved(o.sequence(), o.observation());
      peers.predictor().ifPresent(p -> p.tell(observed));
      peers.arbiter().ifPresent(a -> a.tell(observed));
    } else if (effect instanceof TaskEffect.AskTransfers a) {
      getContext().ask(TransferArbiter.Proposed.class, peers.arbiter().orElseThrow(), ASK_TIMEOUT,
          replyTo -> new TransferArbiter.Propose(task, a.asOf(), a.round(), replyTo),
          (reply, error) -> new Input(new TaskInput.TransfersDecided(
              reply == null ? List.of() : reply.decision().accepted())));
    } else if (effect instanceof TaskEffect.AskWarmTransfers w) {
      getContext().ask(PredictorActor.WarmPicks.class, peers.arbiter().orElseThrow(), ASK_TIMEOUT,
          replyTo -> new TransferArbiter.WarmStart(task, w.asOf(), w.size(), replyTo),
          (reply, error) -> new Input(new TaskInput.WarmPicks(reply == null ? List.of() : reply.picks())));
    } else if (effect instanceof TaskEffect.AskWarmScores w) {
      getContext().ask(PredictorActor.WarmPicks.class, peers.predictor().orElseThrow(), ASK_TIMEOUT,
          replyTo -> new PredictorActor.WarmStart(task, w.asOf(), w.size(), replyTo),
          (reply, error) -> new Input(new TaskInput.WarmPicks(reply == null ? List.of() : reply.picks())));
    } else if (effect instanceof TaskEffect.AskScores a) {
      getContext().ask(PredictorActor.Scores.class, peers.predictor().orElseThrow(), ASK_TIMEOUT,
          replyTo -> new PredictorActor.Score(task, a.asOf(), a.pool(), replyTo),
          (reply, error) -> new Input(new TaskInput.ScoresReady(reply == null ? Optional.empty() : reply.scores())));
    } else {
      report(effect);
    }
  }

  /** Effects that only inform: reports to the coordinator and progress events. */
  private void report(TaskEffect effect) {
    if (effect instanceof TaskEffect.Recorded r) {
      reportTo.tell(new Recorded(r.record()));
    } else if (effect instanceof TaskEffect.Evaluated e) {
      events.evaluated(task, e.outcome(), e.evaluation(), e.best(), e.origin(), e.worker(), e.wallMicros(),
          e.elapsedMillis());
    } else if (effect instanceof TaskEffect.NewBest b) {
      events.newBest(task, b.architecture(), b.fitness(), b.evaluation());
    } else if (effect instanceof TaskEffect.Solved s) {
      events.taskSolved(task, s.architecture(), s.fitness(), s.threshold(), s.evaluation());
    } else if (effect instanceof TaskEffect.Transferred t) {
      reportTo.tell(new Transferred(t.source(), task));
    } else if (effect instanceof TaskEffect.LabelDecided l) {
      Label label = l.label();
      peers.arbiter().ifPresent(a -> a.tell(new TransferArbiter.Labelled(label)));
      events.transferLabelled(task, label.source(), label.architecture(), label.positive(), label.round());
      reportTo.tell(new TransferLabelled(label));
    } else if (effect instanceof TaskEffect.Ignored i) {
      getContext().getLog().warn("ignoring outcome of {}: not outstanding", i.job());
    } else if (effect instanceof TaskEffect.Finished f) {
      events.taskFinished(f.result());
      reportTo.tell(new Finished(f.result()));
    } else if (effect instanceof TaskEffect.BudgetApplied b) {
      events.budgetChanged(task, search.population().task().budget(), b.result().isPresent());
      reportTo.tell(new BudgetApplied(task, b.result()));
    }
  }
}
