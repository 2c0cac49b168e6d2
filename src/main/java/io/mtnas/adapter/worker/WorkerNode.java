package io.mtnas.adapter.worker;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.mtnas.actor.EvaluatorWorker;
import io.mtnas.adapter.management.Management;
import io.mtnas.adapter.management.Readiness;
import io.mtnas.domain.evaluation.Evaluator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker node ({@code mtnas worker}): a Pekko cluster node with role {@code worker} that joins
 * the service's cluster (through its seed nodes or Cluster Bootstrap) and runs {@code slotsPerDevice} evaluator workers
 * per device, registered under the cluster-wide {@link EvaluatorWorker#SERVICE_KEY}, so every
 * search of the service pulls jobs from them.
 *
 * <p>The node outlives its cluster membership: when it is downed (the split-brain resolver keeps
 * the side with the service) or the service is gone for {@code reconnectAfter} (killed, restarted),
 * its actor system stops and a new one joins again, retrying until the service is back. So workers
 * reconnect to a restarted service without being restarted themselves.
 */
public final class WorkerNode {
  private static final Logger LOG = LoggerFactory.getLogger("mtnas.worker");
  /** The service's actor system name: a cluster's nodes all share it. */
  public static final String SYSTEM = "mtnas-serve";
  /** The cluster role of worker nodes (the service's is {@code coordinator}). */
  public static final String ROLE = "worker";

  /**
   * How a node finds the service: its cluster nodes ({@code --join}), or Cluster Bootstrap with a
   * discovery method ({@code --bootstrap}: {@code config} with the service's Management
   * {@code host:port} as contact points, or {@code kubernetes-api}).
   */
  public record Joining(List<String> seeds, Optional<String> discoveryMethod, List<String> contactPoints) {
    public Joining {
      seeds = List.copyOf(seeds);
      contactPoints = List.copyOf(contactPoints);
      if (seeds.isEmpty() == discoveryMethod.isEmpty()) {
        throw new IllegalArgumentException("a worker node joins through seed nodes (--join HOST:PORT) or through"
            + " Cluster Bootstrap (--bootstrap), exactly one of them");
      }
      discoveryMethod.filter(m -> !Management.DISCOVERY_METHODS.contains(m)).ifPresent(m -> {
        throw new IllegalArgumentException("--discovery must be one of " + Management.DISCOVERY_METHODS + ", got " + m);
      });
    }

    public static Joining seeds(List<String> seeds) {
      return new Joining(seeds, Optional.empty(), List.of());
    }

    public static Joining bootstrap(String discoveryMethod, List<String> contactPoints) {
      return new Joining(List.of(), Optional.of(discoveryMethod), contactPoints);
    }

    @Override
    public String toString() {
      return discoveryMethod.map(m -> "Cluster Bootstrap (" + m + (contactPoints.isEmpty() ? "" : " " + contactPoints) + ")")
          .orElse(seeds.toString());
    }
  }

  /**
   * @param host this node's address for the cluster and for Management (where the service reaches it)
   * @param port this node's cluster port, 0 for a free one
   * @param managementPort this node's Management port (probes), 0 for a free one
   * @param devices {@code cpu} or {@code cuda:N}, each once
   */
  public record Settings(Joining joining, String host, int port, int managementPort, List<String> devices,
      int slotsPerDevice, Duration reconnectAfter) {
    public Settings {
      devices = List.copyOf(devices);
      if (slotsPerDevice < 1 || slotsPerDevice > 64) {
        throw new IllegalArgumentException("--slots-per-device must be in 1..64, got " + slotsPerDevice);
      }
    }

    /** Each worker's device and name on the node: {@code <device>-<slot>}, e.g. {@code cuda-1-2}. */
    List<Slot> slots() {
      List<Slot> out = new ArrayList<>();
      for (String device : devices) {
        for (int slot = 1; slot <= slotsPerDevice; slot++) {
          out.add(new Slot(device, device.replace(':', '-') + "-" + slot));
        }
      }
      return out;
    }
  }

  /** One evaluator worker of the node: its device and its name there. */
  record Slot(String device, String name) {}

  private final Settings settings;
  private final Config base;
  private final Function<String, Evaluator> evaluatorForDevice;
  private volatile boolean stopping;
  private volatile ActorSystem<Void> current;

  /** @param evaluatorForDevice the evaluator of one worker slot on a device (each slot gets its own) */
  public WorkerNode(Settings settings, Config base, Function<String, Evaluator> evaluatorForDevice) {
    this.settings = settings;
    this.base = base;
    this.evaluatorForDevice = evaluatorForDevice;
  }

  /** The cluster configuration of this node over {@code base}. */
  static Config nodeConfig(Settings s, Config base) {
    Joining joining = s.joining();
    Config withJoining = joining.discoveryMethod()
        .map(method -> Management.bootstrapping(method, joining.contactPoints(), base))
        .orElseGet(() -> ConfigFactory.empty().withValue("pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(
            joining.seeds().stream().map(hp -> "pekko://" + SYSTEM + "@" + hp).toList())).withFallback(base));
    return Management.at(s.host(), s.managementPort(), ConfigFactory.empty()
        .withValue("pekko.actor.provider", ConfigValueFactory.fromAnyRef("cluster"))
        .withValue("pekko.cluster.roles", ConfigValueFactory.fromIterable(List.of(ROLE)))
        .withValue("pekko.remote.artery.canonical.hostname", ConfigValueFactory.fromAnyRef(s.host()))
        .withValue("pekko.remote.artery.canonical.port", ConfigValueFactory.fromAnyRef(s.port()))
        .withFallback(withJoining));
  }

  /**
   * Runs incarnations of the node until {@link #stop()}; {@code up} hears of each one's actor
   * system once it started (its address is known once it joined).
   */
  public void run(Consumer<ActorSystem<Void>> up) throws InterruptedException {
    Config config = nodeConfig(settings, base);
    int incarnation = 0;
    while (!stopping) {
      incarnation++;
      ExecutorService blocking = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "mtnas-evaluator");
        t.setDaemon(true);
        return t;
      });
      List<Evaluator> evaluators = new ArrayList<>();
      ActorSystem<Void> system = ActorSystem.create(root(evaluators, blocking), SYSTEM, config);
      current = system;
      String management;
      try {
        management = Management.start(system);
        if (settings.joining().discoveryMethod().isPresent()) {
          Management.bootstrap(system);
        }
      } catch (RuntimeException e) {
        system.terminate();
        blocking.shutdownNow();
        throw e;
      }
      LOG.info("worker node incarnation {} started, management on {}; joining through {}", incarnation, management,
          settings.joining());
      up.accept(system);
      system.getWhenTerminated().toCompletableFuture().join();
      blocking.shutdownNow();
      evaluators.forEach(Evaluator::close);
      if (!stopping) {
        LOG.warn("worker node left the cluster; joining again in 1 s");
        TimeUnit.SECONDS.sleep(1);
      }
    }
  }

  /** Stops the node for good (a shutdown hook calls it). */
  public void stop() {
    stopping = true;
    ActorSystem<Void> system = current;
    if (system != null) {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().join();
    }
  }

  private Behavior<Void> root(List<Evaluator> evaluators, ExecutorService blocking) {
    return Behaviors.setup(context -> {
      var address = context.getSystem().address();
      String node = address.getHost().orElse(settings.host()) + ":" + address.getPort().orElse(settings.port());
      for (Slot slot : settings.slots()) {
        Evaluator evaluator = evaluatorForDevice.apply(slot.device());
        evaluators.add(evaluator);
        // the id names the node: every node has a cpu-1
        context.spawn(EvaluatorWorker.shared(node + "/" + slot.name(), slot.device(), searchId -> evaluator,
            List.of(EvaluatorWorker.SERVICE_KEY), blocking), "worker-" + slot.name());
      }
      context.spawn(CoordinatorWatch.create(settings.reconnectAfter()), "coordinator-watch");
      Readiness.of(context.getSystem()).set(true);
      return Behaviors.empty();
    });
  }
}
