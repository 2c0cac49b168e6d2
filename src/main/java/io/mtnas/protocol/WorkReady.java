package io.mtnas.protocol;

import java.util.Objects;
import org.apache.pekko.actor.typed.ActorRef;

/** Manager to worker: work is pending; ask for it with {@link RequestWork} when idle. */
public record WorkReady(ActorRef<ManagerCommand> manager) implements WorkerCommand, WireMessage {
  public WorkReady {
    Objects.requireNonNull(manager, "manager");
  }
}
