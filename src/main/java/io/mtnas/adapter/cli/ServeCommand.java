package io.mtnas.adapter.cli;

import static net.logstash.logback.argument.StructuredArguments.kv;

import io.mtnas.actor.SearchService;
import io.mtnas.adapter.http.ApiSettings;
import io.mtnas.adapter.http.DataDirectory;
import io.mtnas.adapter.http.HttpService;
import io.mtnas.adapter.http.ServiceLauncher;
import io.mtnas.adapter.management.Management;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "serve",
    description = {
      "Run mtnas as a service: searches are submitted, watched, changed and cancelled over an HTTP API",
      "(docs/api.md). Needs an API token: MTNAS_API_TOKEN, --token-file or config mtnas.serve.token-file.",
      "Searches are durable (the database under --data, or mtnas.db.url): a restart resumes them.",
      "The process is a Pekko cluster node with role coordinator on --cluster-port."
    },
    mixinStandardHelpOptions = true)
final class ServeCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger("mtnas.serve");
  static final String TOKEN_ENV = "MTNAS_API_TOKEN";

  @Option(names = "--host", paramLabel = "HOST", description = "address to listen on (default: ${DEFAULT-VALUE})",
      defaultValue = "127.0.0.1")
  String host;

  @Option(names = "--port", paramLabel = "N", description = "port to listen on, 0 for a free one"
      + " (default: ${DEFAULT-VALUE})", defaultValue = "8080")
  int port;

  @Option(names = "--data", paramLabel = "DIR", description = "where the searches are kept (the embedded H2"
      + " journal, unless config mtnas.db.url names a database) and each finished search's report.json and"
      + " evaluations.csv go, in DIR/<id>/ (default: ${DEFAULT-VALUE})", defaultValue = "data")
  Path data;

  @Option(names = "--cluster-port", paramLabel = "N", description = "port of this Pekko cluster node (role"
      + " coordinator), where worker nodes join; 0 for a free one (default: ${DEFAULT-VALUE})", defaultValue = "25520")
  int clusterPort;

  @Option(names = "--cluster-host", paramLabel = "HOST", description = "address of this cluster node, where worker"
      + " nodes reach it (in Kubernetes the pod's IP) (default: --host when that is a loopback address, else config"
      + " pekko.remote.artery.canonical.hostname)")
  String clusterHost;

  @Option(names = "--management-port", paramLabel = "N", description = "port of Pekko Management on the cluster"
      + " host: the /alive and /ready probes and the Cluster Bootstrap contact point of mtnas worker --bootstrap;"
      + " 0 for a free one (default: config pekko.management.http.port, 8558)")
  Integer managementPort;

  @Option(names = "--workers", paramLabel = "N", description = "evaluator workers of this process, shared by"
      + " every search; 0: every evaluation runs on worker nodes (mtnas worker --join) (default: config"
      + " mtnas.serve.workers, 4)")
  Integer workers;

  @Option(names = "--token-file", paramLabel = "FILE", description = "file holding the API token (default: $"
      + TOKEN_ENV + ", then config mtnas.serve.token-file)")
  Path tokenFile;

  @Option(names = "--benchmarks", paramLabel = "DIR", description = "benchmark directory (default:"
      + " $MTNAS_BENCHMARKS, then config mtnas.benchmarks.dir, then ../shared/benchmarks)")
  String benchmarks;

  @Override
  public Integer call() throws Exception {
    BadInputException.checkPort("--port", port);
    BadInputException.checkPort("--cluster-port", clusterPort);
    if (managementPort != null) {
      BadInputException.checkPort("--management-port", managementPort);
    }
    boolean loopback = loopback(host);
    // the token first: a service that would refuse every request should not start loading tables
    String token = token(com.typesafe.config.ConfigFactory.load(), System.getenv(), loopback);
    CliContext loaded = CliContext.load(benchmarks);
    CliContext cli = workers == null ? loaded : loaded.withConfig(loaded.config().withValue("mtnas.serve.workers",
        com.typesafe.config.ConfigValueFactory.fromAnyRef(workers)));
    ApiSettings settings;
    try {
      settings = ApiSettings.from(cli.config());
    } catch (RuntimeException e) {
      throw new BadInputException("config mtnas.serve: " + e.getMessage());
    }
    try {
      Files.createDirectories(data);
    } catch (IOException e) {
      throw new BadInputException("--data " + data + ": cannot create the directory: " + e.getMessage());
    }
    SearchService.Launcher launcher = new ServiceLauncher(cli::evaluator, cli::resources, cli.tables());
    HttpService service;
    try {
      com.typesafe.config.Config config = cli.config();
      // the cluster node listens where the API does when that is loopback; else as configured
      String nodeHost = clusterHost != null ? clusterHost
          : loopback ? host : config.getString("pekko.remote.artery.canonical.hostname");
      com.typesafe.config.Config node = Management.at(nodeHost,
          managementPort != null ? managementPort : config.getInt("pekko.management.http.port"),
          com.typesafe.config.ConfigFactory.parseMap(Map.of("pekko.remote.artery.canonical.port", clusterPort,
              "pekko.remote.artery.canonical.hostname", nodeHost)).withFallback(config));
      service = HttpService.start(node, cli.settings().work(), settings, cli.tables(), launcher,
          new DataDirectory(data.toAbsolutePath(), cli.tables()), host, port, token);
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
    String management;
    try {
      management = service.startManagement();
    } catch (IllegalStateException e) {
      service.close();
      throw new BadInputException(e.getMessage());
    }
    InetSocketAddress bound = service.address();
    String hostText = bound.getAddress().getHostAddress();
    String url = "http://" + (hostText.contains(":") ? "[" + hostText + "]" : hostText) + ":" + bound.getPort();
    LOG.info("mtnas serve listening on {}", url, kv("event", "serve_listening"), kv("url", url),
        kv("host", hostText), kv("port", bound.getPort()), kv("data", data.toAbsolutePath().toString()));
    LOG.info("cluster node {} is up with roles {}", service.node(), service.roles(),
        kv("event", "cluster_node_up"), kv("node", service.node()));
    System.out.println("mtnas serve: cluster node " + service.node() + " up, roles " + service.roles());
    LOG.info("Pekko Management (probes /alive and /ready, Cluster Bootstrap) on {}", management,
        kv("event", "management_up"), kv("url", management));
    System.out.println("mtnas serve: management on " + management);
    System.out.println("mtnas serve: listening on " + url);
    System.out.flush();
    service.whenTerminated().toCompletableFuture().join();
    return ExitCodes.OK;
  }

  private static boolean loopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new BadInputException("--host " + host + ": unknown host");
    }
  }

  /** --token-file, then $MTNAS_API_TOKEN, then config mtnas.serve.token-file; none is an error. */
  private String token(com.typesafe.config.Config config, Map<String, String> env, boolean loopback) {
    Optional<Path> file = Optional.ofNullable(tokenFile);
    String token;
    String from;
    if (file.isPresent()) {
      token = read(file.get(), "--token-file");
      from = "--token-file " + file.get();
    } else if (env.get(TOKEN_ENV) != null) {
      token = env.get(TOKEN_ENV).strip();
      from = TOKEN_ENV;
    } else if (config.hasPath("mtnas.serve.token-file")) {
      Path configured = Path.of(config.getString("mtnas.serve.token-file"));
      token = read(configured, "config mtnas.serve.token-file");
      from = "config mtnas.serve.token-file " + configured;
    } else {
      throw new BadInputException("serve: no API token configured" + (loopback ? "" : " (and --host is not a"
          + " loopback address)") + "; set " + TOKEN_ENV + " or pass --token-file FILE; every /api/v1 request must"
          + " then send Authorization: Bearer <token>. mtnas never generates one for you.");
    }
    if (token.length() < 16) {
      // the length is said, never the token
      throw new BadInputException("serve: the API token from " + from + " has " + token.length()
          + " characters; use at least 16 (e.g. openssl rand -hex 32)");
    }
    return token;
  }

  private static String read(Path file, String what) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new BadInputException(what + " " + file + ": cannot read the token: " + e.getMessage());
    }
  }
}
