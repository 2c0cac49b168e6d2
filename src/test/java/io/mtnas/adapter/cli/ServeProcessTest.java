package io.mtnas.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mtnas.adapter.benchmark.SyntheticBenchmarks;
import io.mtnas.adapter.http.SseClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mtnas serve} in its own JVM: token rules at start, a free port, a search over HTTP. */
class ServeProcessTest {
  private static final String TOKEN = "process-token-abcdef0123456789";

  @TempDir Path work;

  private Map<String, String> noTokenEnv() {
    Map<String, String> env = new HashMap<>();
    env.put(ServeCommand.TOKEN_ENV, null);
    return env;
  }

  private MtnasProcess.Result runToEnd(Map<String, String> env, String... args) throws Exception {
    Path out = work.resolve("stdout-" + System.nanoTime());
    Path err = work.resolve("stderr-" + System.nanoTime());
    Process p = MtnasProcess.start(work, out, err, env, args);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("mtnas " + String.join(" ", args) + " did not exit");
    }
    return new MtnasProcess.Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  @Test
  void refusesToStartWithoutAToken() throws Exception {
    var loopback = runToEnd(noTokenEnv(), "serve", "--port", "0", "--benchmarks", work.toString());
    assertThat(loopback.exitCode()).as(loopback.stderr()).isEqualTo(2);
    assertThat(loopback.stderr()).contains("no API token").contains("MTNAS_API_TOKEN").contains("--token-file")
        .doesNotContain("Exception");

    var open = runToEnd(noTokenEnv(), "serve", "--host", "0.0.0.0", "--port", "0", "--benchmarks", work.toString());
    assertThat(open.exitCode()).isEqualTo(2);
    assertThat(open.stderr()).contains("not a loopback address");

    Map<String, String> shortToken = new HashMap<>(Map.of(ServeCommand.TOKEN_ENV, "sesame"));
    var weak = runToEnd(shortToken, "serve", "--port", "0", "--benchmarks", work.toString());
    assertThat(weak.exitCode()).isEqualTo(2);
    assertThat(weak.stderr()).contains("at least 16").doesNotContain("sesame");

    var missingFile = runToEnd(noTokenEnv(), "serve", "--port", "0", "--token-file", "nope.txt");
    assertThat(missingFile.exitCode()).isEqualTo(2);
    assertThat(missingFile.stderr()).contains("--token-file").contains("nope.txt");
  }

  @Test
  void servesASearchOnAFreePortAndWritesItsFilesUnderData() throws Exception {
    Path tables = SyntheticBenchmarks.writeAll(Files.createDirectories(work.resolve("tables")));
    Path tokenFile = work.resolve("token");
    Files.writeString(tokenFile, TOKEN + "\n");
    Path out = work.resolve("serve.out");
    Path err = work.resolve("serve.err");
    Process p = MtnasProcess.start(work, out, err, noTokenEnv(), "serve", "--port", "0", "--cluster-port", "0",
        "--management-port", "0", "--data", "data", "--token-file", tokenFile.toString(), "--benchmarks", tables.toString());
    try {
      String base = awaitListening(p, out, err);
      assertThat(Files.readString(out)).as("a cluster node with role coordinator, on loopback")
          .containsPattern("cluster node pekko://mtnas-serve@127\\.0\\.0\\.1:[1-9][0-9]* up, roles \\[coordinator\\]");
      HttpClient client = HttpClient.newHttpClient();
      String spec = """
          {"name": "proc", "space": "nb201", "seed": 2, "workers": 1,
           "strategy": {"kind": "rea", "population_size": 8, "tournament_size": 3},
           "tasks": [{"name": "score", "benchmark": "nb201", "fitness": "score", "direction": "max", "budget": 30}]}
          """;
      HttpResponse<String> created = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/searches"))
          .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(spec)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      String id = new ObjectMapper().readTree(created.body()).get("id").asText();
      JsonNode state = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        state = new ObjectMapper().readTree(client.send(HttpRequest.newBuilder(
                URI.create(base + "/api/v1/searches/" + id)).header("Authorization", "Bearer " + TOKEN).build(),
            HttpResponse.BodyHandlers.ofString()).body());
        if (state.get("state").asText().equals("FINISHED")) {
          break;
        }
        Thread.sleep(100);
      }
      assertThat(state.get("state").asText()).isEqualTo("FINISHED");
      assertThat(state.get("tasks").get(0).get("evaluations").asInt()).isEqualTo(30);
      Path data = work.resolve("data").resolve(id);
      assertThat(data.resolve("report.json")).exists();
      assertThat(Files.readAllLines(data.resolve("evaluations.csv"))).hasSize(31);
      assertThat(Files.readString(out)).contains("\"event\":\"serve_listening\"");
    } finally {
      p.destroy();
      boolean stopped = p.waitFor(30, TimeUnit.SECONDS);
      // what shutdown was doing when it overran (seen twice on a machine loaded by other builds)
      String tail = stopped ? "" : tail(Files.readString(out) + Files.readString(err), 4000);
      assertThat(stopped).as("stops on SIGTERM within 30 s; its log ends: %s", tail).isTrue();
    }
    assertThat(Files.readString(out) + Files.readString(err)).doesNotContain(TOKEN);
  }

  @Test
  void theFlagshipSpecSubmittedOverHttpAndFollowedToItsEndReportsWhatMtnasRunReports() throws Exception {
    Path spec = Path.of("conf/searches/nb201-3task-ktnas.json").toAbsolutePath();
    MtnasProcess.Result reference = MtnasProcess.run(work, "run", spec.toString(), "--benchmarks",
        MtnasProcess.benchmarks().toString(), "--out", work.resolve("reference").toString());
    assertThat(reference.exitCode()).as(reference.stderr()).isZero();

    Map<String, String> env = new HashMap<>(Map.of(ServeCommand.TOKEN_ENV, TOKEN));
    try (ServeProcess serve = ServeProcess.start(work, work, TOKEN, env, "--data", work.resolve("data").toString(),
        "--benchmarks", MtnasProcess.benchmarks().toString())) {
      String base = serve.awaitListening();
      HttpResponse<String> created = serve.post("/api/v1/searches", Files.readString(spec));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      String id = new ObjectMapper().readTree(created.body()).get("id").asText();
      List<SseClient.Frame> frames = SseClient.follow(base + "/api/v1/searches/" + id + "/events", TOKEN,
          java.time.Duration.ofMinutes(5));
      assertThat(frames.get(frames.size() - 1).event()).isEqualTo("search_finished");
      assertThat(frames).extracting(SseClient.Frame::id)
          .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, frames.size())
              .mapToObj(Long::toString).toList());
      HttpResponse<String> report = serve.get("/api/v1/searches/" + id + "/report", "application/json");
      assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
      ObjectMapper json = new ObjectMapper();
      assertThat(timeless(json.readTree(report.body())))
          .isEqualTo(timeless(json.readTree(Files.readString(work.resolve("reference").resolve("report.json")))));
      assertThat(Files.readString(work.resolve("data").resolve(id).resolve("evaluations.csv")))
          .isEqualTo(Files.readString(work.resolve("reference").resolve("evaluations.csv")));
    }
  }

  /** A report without what differs between two runs of one seed: the search id and the wall time. */
  private static JsonNode timeless(JsonNode report) {
    com.fasterxml.jackson.databind.node.ObjectNode copy = report.deepCopy();
    copy.remove("wall_seconds");
    copy.remove("search_id");
    return copy;
  }

  private static String awaitListening(Process p, Path out, Path err) throws Exception {
    return ServeProcess.awaitListening(p, out, err);
  }

  private static String tail(String log, int chars) {
    return log.substring(Math.max(0, log.length() - chars));
  }
}
