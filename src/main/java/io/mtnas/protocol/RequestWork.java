package io.mtnas.protocol;

import java.util.Objects;
import org.apache.pekko.actor.typed.ActorRef;

/** Worker to manager: the worker is idle and wants one job (work pulling gives back-pressure). */
public record RequestWork(ActorRef<WorkerCommand> worker, String workerId)
    implements ManagerCommand, WireMessage {
  public RequestWork {
    Objects.requireNonNull(worker, "worker");
    Objects.requireNonNull(workerId, "workerId");
  }
}
