package io.mtnas.protocol;

import io.mtnas.domain.evaluation.EvaluationOutcome;
import java.util.Objects;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Worker to manager: the outcome of one job, sent before the worker asks for more, so a job is
 * confirmed only once its result is on its way.
 */
public record Evaluated(
    String searchId,
    EvaluationOutcome outcome,
    ActorRef<WorkerCommand> worker,
    String workerId,
    long wallMicros)
    implements ManagerCommand, WireMessage {
  public Evaluated {
    Objects.requireNonNull(searchId, "searchId");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(worker, "worker");
    Objects.requireNonNull(workerId, "workerId");
  }
}
