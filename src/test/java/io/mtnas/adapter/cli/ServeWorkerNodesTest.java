package io.mtnas.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service with no workers of its own and two {@code mtnas worker} JVMs on 127.0.0.1 runs an NB201
 * search; one worker JVM is killed with SIGKILL mid-search and another joins, through Cluster
 * Bootstrap with the service's Management endpoint as contact point. The search ends with
 * every evaluation there once, its lost job dispatched again, and {@code GET /workers} lists the
 * nodes that are there.
 */
class ServeWorkerNodesTest {
  private static final String TOKEN = "worker-nodes-token-0123456789abcdef";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CLUSTER_NODE = Pattern.compile("cluster node pekko://mtnas-serve@127\\.0\\.0\\.1:(\\d+) up");
  private static final Pattern WORKER_UP = Pattern.compile("mtnas worker: node pekko://mtnas-serve@127\\.0\\.0\\.1:(\\d+) joined");
  private static final Pattern SERVE_MANAGEMENT = Pattern.compile("mtnas serve: management on (http://127\\.0\\.0\\.1:\\d+)");
  private static final Pattern WORKER_MANAGEMENT = Pattern.compile("management on (http://127\\.0\\.0\\.1:\\d+)");
  private static final int BUDGET = 60;

  @TempDir Path work;
  private final List<Process> workers = new ArrayList<>();

  /** A worker JVM with 2 workers; {@code joining} is {@code --join HOST:PORT} or {@code --bootstrap ...}. */
  private Process worker(Path logs, String name, String... joining) throws Exception {
    List<String> args = new ArrayList<>(List.of("worker"));
    args.addAll(List.of(joining));
    args.addAll(List.of("--benchmarks", MtnasProcess.benchmarks().toString(), "--slots-per-device", "2",
        "--eval-time", "150"));
    Process p = MtnasProcess.start(work, logs.resolve(name + ".out"), logs.resolve(name + ".err"),
        args.toArray(String[]::new));
    workers.add(p);
    return p;
  }

  private static String awaitLine(Process p, Path out, Path err, Pattern line) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Matcher m = line.matcher(Files.readString(out));
      if (m.find()) {
        return m.group(1);
      }
      assertThat(p.isAlive()).as("exited: " + Files.readString(err)).isTrue();
      Thread.sleep(50);
    }
    throw new AssertionError("no line " + line + ": " + Files.readString(out) + Files.readString(err));
  }

  @Test
  void workerNodesRunASearchAndLosingOneLosesNothing() throws Exception {
    ObjectNode spec = (ObjectNode) JSON.readTree(Files.readString(Path.of("conf/searches/nb201-3task.json")));
    spec.put("name", "worker-nodes").put("seed", 43).put("workers", 4);
    ArrayNode tasks = (ArrayNode) spec.get("tasks");
    tasks.forEach(t -> ((ObjectNode) t).remove("threshold"));
    tasks.forEach(t -> ((ObjectNode) t).put("budget", BUDGET));
    Path logs = Files.createDirectories(work.resolve("logs"));

    ServeProcess serve = ServeProcess.start(work, logs, TOKEN, Map.of(ServeCommand.TOKEN_ENV, TOKEN),
        "--workers", "0", "--data", work.resolve("data").toString(),
        "--benchmarks", MtnasProcess.benchmarks().toString());
    try {
      serve.awaitListening();
      int clusterPort = Integer.parseInt(awaitLine(serve.process, serve.out, serve.err, CLUSTER_NODE));
      String join = "127.0.0.1:" + clusterPort;
      Process a = worker(logs, "worker-a", "--join", join);
      worker(logs, "worker-b", "--join", join);
      String portA = awaitLine(a, logs.resolve("worker-a.out"), logs.resolve("worker-a.err"), WORKER_UP);
      awaitLine(workers.get(1), logs.resolve("worker-b.out"), logs.resolve("worker-b.err"), WORKER_UP);

      HttpResponse<String> created = serve.post("/api/v1/searches", spec.toString());
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      String id = JSON.readTree(created.body()).get("id").asText();
      awaitEvaluations(serve, id, 40);
      JsonNode listed = listWorkers(serve);
      assertThat(listed.get("nodes")).as(listed.toString()).hasSize(2);
      assertThat(listed.get("workers")).hasSize(4);

      a.destroyForcibly(); // SIGKILL, mid-search
      assertThat(a.waitFor(30, TimeUnit.SECONDS)).isTrue();
      // the new node finds the service through Cluster Bootstrap, its Management endpoint the contact point
      String serveManagement = awaitLine(serve.process, serve.out, serve.err, SERVE_MANAGEMENT);
      Process c = worker(logs, "worker-c", "--bootstrap", "--discovery", "config", "--contact-points",
          serveManagement.substring("http://".length()));
      String portC = awaitLine(c, logs.resolve("worker-c.out"), logs.resolve("worker-c.err"), WORKER_UP);
      String workerManagement = awaitLine(c, logs.resolve("worker-c.out"), logs.resolve("worker-c.err"),
          WORKER_MANAGEMENT);
      for (String probe : List.of(serveManagement + "/alive", serveManagement + "/ready", workerManagement + "/alive",
          workerManagement + "/ready")) {
        HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(probe)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(probe + ": " + r.body()).isEqualTo(200);
      }
      serve.awaitFinished(id, 180);

      Set<String> nodes = new TreeSet<>();
      listWorkers(serve).get("nodes").forEach(n -> nodes.add(n.get("node").asText()));
      assertThat(nodes).as("the killed node is gone, the new one is there")
          .noneMatch(n -> n.endsWith(":" + portA)).anyMatch(n -> n.endsWith(":" + portC)).hasSize(2);

      List<String> rows = Files.readAllLines(work.resolve("data").resolve(id).resolve("evaluations.csv"));
      assertThat(rows.subList(1, rows.size())).as("every task used its whole budget").hasSize(3 * BUDGET);
      Set<String> jobs = new HashSet<>();
      rows.subList(1, rows.size()).forEach(r -> assertThat(jobs.add(r.split(",", -1)[0] + "#" + r.split(",", -1)[1]))
          .as("counted once: " + r).isTrue());
      String serveLog = Files.readString(serve.out);
      assertThat(serveLog).as("the killed node's workers left the search")
          .containsPattern("\"event\":\"worker_left\",\"search\":\"" + id + "\"[^\\n]*127\\.0\\.0\\.1:" + portA);
      assertThat(serveLog).as("the new node's workers took part")
          .containsPattern("\"event\":\"evaluation\",\"search\":\"" + id + "\"[^\\n]*127\\.0\\.0\\.1:" + portC);
    } finally {
      serve.close();
      workers.forEach(Process::destroyForcibly);
    }
  }

  private static JsonNode listWorkers(ServeProcess serve) throws Exception {
    HttpResponse<String> r = serve.get("/api/v1/workers", "application/json");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static void awaitEvaluations(ServeProcess serve, String id, int atLeast) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      JsonNode s = serve.state(id);
      int total = 0;
      for (JsonNode t : s.get("tasks")) {
        total += t.get("evaluations").asInt();
      }
      if (total >= atLeast) {
        return;
      }
      assertThat(s.get("state").asText()).as(s.toString()).isIn("QUEUED", "RUNNING");
      Thread.sleep(20);
    }
    throw new AssertionError("search " + id + " did not reach " + atLeast + " evaluations: " + serve.state(id));
  }
}
