package io.mtnas.adapter.worker;

import java.time.Duration;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * Stops a worker node's actor system when no reachable member with role {@code coordinator} (the
 * service) has been there for {@code patience} after the node joined: the service was killed or
 * restarted, so this incarnation's cluster is dead and {@link WorkerNode} joins again.
 */
final class CoordinatorWatch {
  static final String COORDINATOR = "coordinator";

  private enum Check { INSTANCE }

  private CoordinatorWatch() {}

  static Behavior<Object> create(Duration patience) {
    return Behaviors.<Object>setup(context -> {
      return Behaviors.withTimers(timers -> {
        timers.startTimerWithFixedDelay(Check.INSTANCE, Duration.ofMillis(500));
        return watching(context, patience, System.nanoTime());
      });
    }).narrow();
  }

  private static Behavior<Object> watching(ActorContext<Object> context, Duration patience, long lastSeen) {
    return Behaviors.receive(Object.class)
        .onMessageEquals(Check.INSTANCE, () -> {
          if (coordinatorReachable(context)) {
            return watching(context, patience, System.nanoTime());
          }
          Cluster cluster = Cluster.get(context.getSystem());
          boolean joined = cluster.selfMember().status() == MemberStatus.up();
          if (joined && System.nanoTime() - lastSeen > patience.toNanos()) {
            context.getLog().warn("no reachable service (role {}) for {}: leaving this cluster to join again",
                COORDINATOR, patience);
            context.getSystem().terminate();
            return Behaviors.stopped();
          }
          // not joined yet: seed-node joining retries by itself, the clock starts once Up
          return joined ? Behaviors.same() : watching(context, patience, System.nanoTime());
        })
        .build();
  }

  private static boolean coordinatorReachable(ActorContext<Object> context) {
    Cluster cluster = Cluster.get(context.getSystem());
    var state = cluster.state();
    for (Member m : state.getMembers()) {
      if (m.hasRole(COORDINATOR) && m.status() == MemberStatus.up()
          && !state.getUnreachable().contains(m)) {
        return true;
      }
    }
    return false;
  }
}
