package io.mtnas.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.mtnas.adapter.worker.WorkerNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The Kubernetes manifests in deploy/k8s and the container build file agree with
 * conf/application.conf and with the commands they run: labels the bootstrap discovery selects,
 * port names and numbers, probe paths, cluster roles, the RBAC the discovery needs. The container
 * args are parsed by the real command line, so a renamed option fails here too.
 */
class DeployManifestsTest {
  private static final Path K8S = Path.of("deploy/k8s");
  private static final Config CONF = ConfigFactory.parseFile(new File("conf/application.conf"))
      .withFallback(ConfigFactory.defaultReference()).resolve();
  private static final String DISCOVERY = "pekko.management.cluster.bootstrap.contact-point-discovery.";
  private static final List<JsonNode> DOCS = new ArrayList<>();

  @BeforeAll
  static void read() throws Exception {
    try (Stream<Path> files = Files.list(K8S)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        try (var docs = new YAMLMapper().readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
          docs.forEachRemaining(DOCS::add);
        }
      }
    }
  }

  private static JsonNode object(String kind, String name) {
    return DOCS.stream().filter(d -> d.path("kind").asText().equals(kind)
        && d.path("metadata").path("name").asText().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + K8S));
  }

  private static JsonNode pod(String deployment) {
    return object("Deployment", deployment).path("spec").path("template");
  }

  private static JsonNode container(String deployment) {
    JsonNode containers = pod(deployment).path("spec").path("containers");
    assertThat(containers).as(deployment + " runs one container").hasSize(1);
    return containers.get(0);
  }

  private static Map<String, String> labels(JsonNode node) {
    Map<String, String> out = new HashMap<>();
    node.path("metadata").path("labels").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  private static int port(JsonNode container, String name) {
    for (JsonNode p : container.path("ports")) {
      if (p.path("name").asText().equals(name)) {
        return p.path("containerPort").asInt();
      }
    }
    throw new AssertionError("container " + container.path("name").asText() + " has no port named " + name);
  }

  /** The container's args as the CLI parses them, with the pod IP the kubelet puts in. */
  private static <T> T parsed(String deployment, Class<T> command) {
    List<String> args = new ArrayList<>();
    container(deployment).path("args").forEach(a -> args.add(a.asText().replace("$(POD_IP)", "10.1.2.3")));
    CommandLine.ParseResult result = Cli.commandLine().parseArgs(args.toArray(String[]::new));
    return command.cast(result.subcommand().commandSpec().userObject());
  }

  /** Whether {@code labels} satisfy an equality selector {@code k=v,k2=v2}. */
  private static boolean selects(String selector, Map<String, String> labels) {
    for (String term : selector.split(",")) {
      String[] kv = term.split("=", 2);
      if (!kv[1].strip().equals(labels.get(kv[0].strip()))) {
        return false;
      }
    }
    return true;
  }

  @Test
  void bootstrapDiscoverySelectsTheServicePodsAndItsManagementPort() {
    String selector = CONF.getString("pekko.discovery.kubernetes-api.pod-label-selector")
        .formatted(CONF.getString(DISCOVERY + "service-name"));
    assertThat(selects(selector, labels(pod("mtnas-serve")))).as(selector + " selects the service").isTrue();
    assertThat(selects(selector, labels(pod("mtnas-worker")))).as(selector + " skips the workers").isFalse();
    int management = port(container("mtnas-serve"), CONF.getString(DISCOVERY + "port-name"));
    assertThat(management).isEqualTo(CONF.getInt("pekko.management.http.port"));
    assertThat(parsed("mtnas-serve", ServeCommand.class).managementPort).isEqualTo(management);

    WorkerNodeCommand worker = parsed("mtnas-worker", WorkerNodeCommand.class);
    assertThat(worker.bootstrap).isTrue();
    assertThat(worker.discovery).isEqualTo("kubernetes-api");
    assertThat(worker.join).isEmpty();
    assertThat(worker.managementPort).isEqualTo(port(container("mtnas-worker"), "management"));
    assertThat(worker.host).isEqualTo("10.1.2.3");
  }

  @Test
  void clusterPortsAndRolesMatchTheConfig() {
    int remoting = CONF.getInt("pekko.remote.artery.canonical.port");
    assertThat(port(container("mtnas-serve"), "remoting")).isEqualTo(remoting);
    ServeCommand serve = parsed("mtnas-serve", ServeCommand.class);
    assertThat(serve.clusterPort).isEqualTo(remoting);
    assertThat(serve.clusterHost).as("workers reach the pod's address").isEqualTo("10.1.2.3");
    assertThat(port(container("mtnas-worker"), "remoting")).isEqualTo(parsed("mtnas-worker", WorkerNodeCommand.class).port);

    String coordinator = CONF.getString("pekko.cluster.split-brain-resolver.static-quorum.role");
    assertThat(labels(pod("mtnas-serve"))).containsEntry("mtnas.io/role", coordinator);
    assertThat(labels(pod("mtnas-worker"))).containsEntry("mtnas.io/role", WorkerNode.ROLE);
    assertThat(object("Deployment", "mtnas-serve").path("spec").path("replicas").asInt())
        .as("one coordinator: its side is the quorum").isEqualTo(CONF.getInt(
            "pekko.cluster.split-brain-resolver.static-quorum.quorum-size"));
  }

  @Test
  void probesUseManagementsPaths() {
    for (String deployment : List.of("mtnas-serve", "mtnas-worker")) {
      JsonNode c = container(deployment);
      assertThat(c.path("readinessProbe").path("httpGet").path("path").asText()).as(deployment)
          .isEqualTo("/" + CONF.getString("pekko.management.health-checks.readiness-path"));
      assertThat(c.path("livenessProbe").path("httpGet").path("path").asText()).as(deployment)
          .isEqualTo("/" + CONF.getString("pekko.management.health-checks.liveness-path"));
      assertThat(c.path("readinessProbe").path("httpGet").path("port").asText()).isEqualTo("management");
      assertThat(c.path("livenessProbe").path("httpGet").path("port").asText()).isEqualTo("management");
    }
  }

  @Test
  void workersAskForTheGpusTheyUseAndTheServiceForItsDatabase() {
    WorkerNodeCommand worker = parsed("mtnas-worker", WorkerNodeCommand.class);
    long gpus = worker.devices.stream().filter(d -> d.startsWith("cuda:")).count();
    assertThat(container("mtnas-worker").path("resources").path("limits").path("nvidia.com/gpu").asLong())
        .isEqualTo(gpus).isPositive();
    Set<String> env = new TreeSet<>();
    container("mtnas-serve").path("env").forEach(e -> env.add(e.path("name").asText()));
    assertThat(env).contains("MTNAS_DB_URL", "MTNAS_DB_USER", "MTNAS_DB_PASSWORD");
    assertThat(CONF.getString("mtnas.db.url")).as("the config reads MTNAS_DB_URL").isEmpty();
    assertThat(ConfigFactory.parseFile(new File("conf/application.conf")).root().render())
        .contains("${?MTNAS_DB_URL}", "${?MTNAS_DB_USER}", "${?MTNAS_DB_PASSWORD}");
  }

  @Test
  void theDiscoveryMayListPodsWithTheServiceAccountThePodsRunAs() {
    JsonNode binding = object("RoleBinding", "mtnas-read-pods");
    String account = binding.path("subjects").get(0).path("name").asText();
    object("ServiceAccount", account);
    for (String deployment : List.of("mtnas-serve", "mtnas-worker")) {
      assertThat(pod(deployment).path("spec").path("serviceAccountName").asText()).isEqualTo(account);
    }
    JsonNode role = object("Role", binding.path("roleRef").path("name").asText());
    JsonNode rule = role.path("rules").get(0);
    assertThat(rule.path("resources").toString()).contains("\"pods\"");
    assertThat(rule.path("verbs").toString()).contains("\"get\"", "\"watch\"", "\"list\"");
  }

  @Test
  void theServiceAndTheImageExposeTheContainerPorts() throws Exception {
    JsonNode service = object("Service", "mtnas-serve");
    Map<String, String> selector = new HashMap<>();
    service.path("spec").path("selector").fields().forEachRemaining(e -> selector.put(e.getKey(), e.getValue().asText()));
    assertThat(labels(pod("mtnas-serve"))).containsAllEntriesOf(selector);
    int http = port(container("mtnas-serve"), service.path("spec").path("ports").get(0).path("targetPort").asText());
    assertThat(parsed("mtnas-serve", ServeCommand.class).port).isEqualTo(http);

    Matcher expose = Pattern.compile("(?m)^EXPOSE (.+)$").matcher(Files.readString(Path.of("deploy/Dockerfile")));
    assertThat(expose.find()).isTrue();
    Set<Integer> exposed = new TreeSet<>();
    for (String p : expose.group(1).split("\\s+")) {
      exposed.add(Integer.parseInt(p));
    }
    Set<Integer> used = new TreeSet<>();
    for (String deployment : List.of("mtnas-serve", "mtnas-worker")) {
      container(deployment).path("ports").forEach(p -> used.add(p.path("containerPort").asInt()));
      assertThat(container(deployment).path("image").asText()).isEqualTo(container("mtnas-serve").path("image").asText());
    }
    assertThat(exposed).isEqualTo(used);
  }

  @Test
  void everyClaimAPodMountsIsDeclared() {
    Set<String> claims = new TreeSet<>();
    DOCS.stream().filter(d -> d.path("kind").asText().equals("PersistentVolumeClaim"))
        .forEach(d -> claims.add(d.path("metadata").path("name").asText()));
    for (String deployment : List.of("mtnas-serve", "mtnas-worker")) {
      for (JsonNode v : pod(deployment).path("spec").path("volumes")) {
        if (v.has("persistentVolumeClaim")) {
          assertThat(claims).as(deployment).contains(v.path("persistentVolumeClaim").path("claimName").asText());
        }
      }
    }
  }
}
