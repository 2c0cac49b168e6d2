package io.mtnas.protocol;

import io.mtnas.domain.evaluation.EvaluationJob;
import java.util.Objects;
import org.apache.pekko.actor.typed.ActorRef;

/** Manager to worker: evaluate this job and send {@link Evaluated} to {@code manager}. */
public record Evaluate(String searchId, EvaluationJob job, ActorRef<ManagerCommand> manager)
    implements WorkerCommand, WireMessage {
  public Evaluate {
    Objects.requireNonNull(searchId, "searchId");
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(manager, "manager");
  }
}
