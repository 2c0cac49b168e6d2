package io.mtnas.actor;

import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.DeleteMessagesFailure;
import org.apache.pekko.persistence.DeleteMessagesSuccess;
import org.apache.pekko.persistence.JournalProtocol;
import org.apache.pekko.persistence.Persistence;
import org.apache.pekko.persistence.SnapshotProtocol;
import org.apache.pekko.persistence.SnapshotSelectionCriteria;
import org.apache.pekko.persistence.typed.PersistenceId;

/**
 * Erases one entity's stored events and snapshots (a deleted search's deliveries), then stops. It
 * talks to the configured journal and snapshot store directly, as a persistent actor would: there
 * is no typed API for it, and the entity itself must not be running meanwhile (its host makes sure
 * its session has stopped).
 */
final class JournalEraser {
  private JournalEraser() {}

  static Behavior<Object> erase(PersistenceId id) {
    return Behaviors.setup(context -> {
      var classicSelf = Adapter.toClassic(context.getSelf());
      var persistence = Persistence.get(Adapter.toClassic(context.getSystem()));
      persistence.journalFor("", com.typesafe.config.ConfigFactory.empty()).tell(
          new JournalProtocol.DeleteMessagesTo(id.id(), Long.MAX_VALUE, classicSelf), classicSelf);
      persistence.snapshotStoreFor("", com.typesafe.config.ConfigFactory.empty()).tell(
          new SnapshotProtocol.DeleteSnapshots(id.id(), SnapshotSelectionCriteria.latest()), classicSelf);
      return Behaviors.receive(Object.class)
          .onMessage(DeleteMessagesSuccess.class, m -> {
            context.getLog().info("erased the stored events of {}", id.id());
            return Behaviors.stopped();
          })
          .onMessage(DeleteMessagesFailure.class, m -> {
            context.getLog().warn("could not erase the stored events of {}: {}", id.id(), m.cause().toString());
            return Behaviors.stopped();
          })
          .onAnyMessage(m -> Behaviors.same())
          .build();
    });
  }
}
