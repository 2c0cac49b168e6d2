package io.mtnas.protocol;

import java.util.Objects;
import org.apache.pekko.actor.typed.ActorRef;

/** Anyone to a worker, on any node: say what you are doing (GET /workers). */
public record WorkerStatusQuery(ActorRef<WorkerStatus> replyTo) implements WorkerCommand, WireMessage {
  public WorkerStatusQuery {
    Objects.requireNonNull(replyTo, "replyTo");
  }
}
