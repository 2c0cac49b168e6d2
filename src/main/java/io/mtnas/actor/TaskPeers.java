package io.mtnas.actor;

import io.mtnas.domain.predictor.ProxySource;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;

/** The peers a guided or transferring population consults; either may be absent. */
public record TaskPeers(
    Optional<ActorRef<PredictorActor.Command>> predictor,
    Optional<ActorRef<TransferArbiter.Command>> arbiter,
    ProxySource proxies) {
  public static TaskPeers none() {
    return new TaskPeers(Optional.empty(), Optional.empty(), ProxySource.NONE);
  }
}
