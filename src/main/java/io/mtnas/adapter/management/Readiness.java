package io.mtnas.adapter.management;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.AbstractExtensionId;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Extension;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;

/**
 * Whether this node takes work: the service once its API is bound (and no longer once it shuts
 * down), a worker node once its workers are registered. One per actor system, read by the API's
 * {@code /readyz} and by Pekko Management's {@code /ready} (through {@link ReadinessCheck}).
 */
public final class Readiness implements Extension {
  private static final AbstractExtensionId<Readiness> ID = new AbstractExtensionId<>() {
    @Override
    public Readiness createExtension(ExtendedActorSystem system) {
      return new Readiness();
    }
  };

  private final AtomicBoolean ready = new AtomicBoolean(false);

  private Readiness() {}

  public static Readiness of(ActorSystem<?> system) {
    return of(Adapter.toClassic(system));
  }

  static Readiness of(org.apache.pekko.actor.ActorSystem system) {
    return ID.get(system);
  }

  public boolean isReady() {
    return ready.get();
  }

  public void set(boolean value) {
    ready.set(value);
  }
}
