package io.mtnas.adapter.management;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.ActorSystem;

/**
 * Pekko Management's readiness check {@code mtnas} (conf/application.conf): {@code /ready} answers
 * 200 only when this node's {@link Readiness} is set, besides the cluster-membership check (Up).
 * Management creates it by reflection with the node's actor system.
 */
public final class ReadinessCheck implements Supplier<CompletionStage<Boolean>> {
  private final Readiness readiness;

  public ReadinessCheck(ActorSystem system) {
    this.readiness = Readiness.of(system);
  }

  @Override
  public CompletionStage<Boolean> get() {
    return CompletableFuture.completedFuture(readiness.isReady());
  }
}
