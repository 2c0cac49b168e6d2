package io.mtnas.adapter.cli;

import static net.logstash.logback.argument.StructuredArguments.kv;

import io.mtnas.adapter.benchmark.TabularEvaluator;
import io.mtnas.adapter.evaluator.SimulatedTimeEvaluator;
import io.mtnas.adapter.worker.WorkerNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "worker",
    description = {
      "Run evaluator workers on this machine for a running mtnas serve: the process joins the service's",
      "Pekko cluster (role worker; --join, or --bootstrap through Cluster Bootstrap) and its workers take jobs of every search of the service. It evaluates",
      "tabular tasks from --benchmarks (training tasks run on the service's own workers). When the",
      "service goes away it keeps trying to join again, so it needs no restart when the service restarts."
    },
    mixinStandardHelpOptions = true)
final class WorkerNodeCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger("mtnas.worker");
  private static final Pattern HOST_PORT = Pattern.compile("[^\\s:/@]+:\\d{1,5}");
  private static final Pattern DEVICE = Pattern.compile("cpu|cuda:\\d{1,2}");

  @Option(names = "--join", paramLabel = "HOST:PORT", split = ",",
      description = "the service's cluster node (mtnas serve --cluster-port), repeatable or comma-separated")
  List<String> join = List.of();

  @Option(names = "--bootstrap", description = "find the service through Pekko Cluster Bootstrap instead of"
      + " --join: its Management endpoints (mtnas serve --management-port) are the contact points, found by"
      + " --discovery")
  boolean bootstrap;

  @Option(names = "--discovery", paramLabel = "METHOD", defaultValue = "config", description = "with --bootstrap:"
      + " config (--contact-points, else config pekko.discovery.config.services.mtnas-serve) or kubernetes-api"
      + " (the service's pods, labelled app=mtnas-serve) (default: ${DEFAULT-VALUE})")
  String discovery;

  @Option(names = "--contact-points", paramLabel = "HOST:PORT", split = ",", description = "with --bootstrap"
      + " --discovery config: the service's Management endpoints, comma-separated (default: 127.0.0.1:8558)")
  List<String> contactPoints = List.of();

  @Option(names = "--management-port", paramLabel = "N", defaultValue = "0", description = "port of this node's"
      + " Pekko Management (probes /alive and /ready), 0 for a free one (default: ${DEFAULT-VALUE})")
  int managementPort;

  @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
      description = "this node's address, where the service reaches it (default: ${DEFAULT-VALUE})")
  String host;

  @Option(names = "--port", paramLabel = "N", defaultValue = "0",
      description = "this node's cluster port, 0 for a free one (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--devices", paramLabel = "LIST", defaultValue = "cpu", split = ",",
      description = "cpu, or GPUs as cuda:0,cuda:1 (default: ${DEFAULT-VALUE})")
  List<String> devices;

  @Option(names = "--slots-per-device", paramLabel = "N", defaultValue = "1",
      description = "evaluator workers per device (several trainers on one GPU) (default: ${DEFAULT-VALUE})")
  int slotsPerDevice;

  @Option(names = "--time-scale", paramLabel = "X", defaultValue = "0",
      description = "simulated time: each evaluation sleeps for the benchmark's training time times X"
          + " (e.g. 1e-4); 0: none (default: ${DEFAULT-VALUE})")
  double timeScale;

  @Option(names = "--eval-time", paramLabel = "MS", defaultValue = "0",
      description = "simulated time: each evaluation sleeps MS milliseconds (overrides --time-scale); 0: none")
  long evalTimeMillis;

  @Option(names = "--reconnect-after", paramLabel = "SECONDS", defaultValue = "5",
      description = "join again after the service has been unreachable this long (default: ${DEFAULT-VALUE})")
  long reconnectAfterSeconds;

  @Option(names = "--benchmarks", paramLabel = "DIR", description = "benchmark directory (default:"
      + " $MTNAS_BENCHMARKS, then config mtnas.benchmarks.dir, then ../shared/benchmarks)")
  String benchmarks;

  private static void checkHostPorts(String option, List<String> values, String example) {
    for (String value : values) {
      if (!HOST_PORT.matcher(value).matches()) {
        throw new BadInputException(option + " " + value + ": expected HOST:PORT, e.g. " + example);
      }
    }
  }

  @Override
  public Integer call() throws Exception {
    checkHostPorts("--join", join, "127.0.0.1:25520");
    checkHostPorts("--contact-points", contactPoints, "127.0.0.1:8558");
    if (!contactPoints.isEmpty() && !(bootstrap && discovery.equals("config"))) {
      throw new BadInputException("--contact-points needs --bootstrap with --discovery config");
    }
    if (!bootstrap && !discovery.equals("config")) {
      throw new BadInputException("--discovery " + discovery + " needs --bootstrap");
    }
    for (String device : devices) {
      if (!DEVICE.matcher(device).matches()) {
        throw new BadInputException("--devices " + device + ": expected cpu or cuda:N");
      }
    }
    if (devices.stream().distinct().count() != devices.size()) {
      throw new BadInputException("--devices " + String.join(",", devices) + ": a device is named twice");
    }
    BadInputException.checkPort("--port", port);
    BadInputException.checkPort("--management-port", managementPort);
    if (reconnectAfterSeconds < 1) {
      throw new BadInputException("--reconnect-after must be >= 1, got " + reconnectAfterSeconds);
    }
    if (evalTimeMillis < 0) {
      throw new BadInputException("--eval-time must be >= 0, got " + evalTimeMillis);
    }
    WorkerNode.Settings settings;
    try {
      var joining = new WorkerNode.Joining(join, bootstrap ? Optional.of(discovery) : Optional.empty(), contactPoints);
      settings = new WorkerNode.Settings(joining, host, port, managementPort, devices, slotsPerDevice,
          Duration.ofSeconds(reconnectAfterSeconds));
      SimulatedTimeEvaluator.check(timeScale, Duration.ofMillis(evalTimeMillis));
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
    CliContext cli = CliContext.load(benchmarks);
    if (!cli.location().exists()) {
      throw new BadInputException("worker: benchmark directory " + cli.location().directory() + " not found ("
          + cli.location().missing() + "); pass --benchmarks DIR");
    }
    WorkerNode node = new WorkerNode(settings, cli.config(), device -> SimulatedTimeEvaluator.wrap(
        new TabularEvaluator(cli.tables()), timeScale, Duration.ofMillis(evalTimeMillis)));
    Runtime.getRuntime().addShutdownHook(new Thread(node::stop, "mtnas-worker-stop"));
    node.run(system -> {
      var cluster = org.apache.pekko.cluster.Cluster.get(Adapter.toClassic(system));
      cluster.registerOnMemberUp(() -> {
        String address = cluster.selfAddress().toString();
        LOG.info("worker node {} joined with {} workers on {}", address, devices.size() * slotsPerDevice, devices,
            kv("event", "worker_node_up"), kv("node", address));
        System.out.println("mtnas worker: node " + address + " joined, " + devices.size() * slotsPerDevice
            + " workers on " + String.join(",", devices));
        System.out.flush();
      });
    });
    return ExitCodes.OK;
  }
}
