package io.mtnas.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.mtnas.actor.SearchService;
import io.mtnas.adapter.benchmark.BenchmarkTables;
import io.mtnas.adapter.benchmark.SyntheticBenchmarks;
import io.mtnas.adapter.benchmark.TabularEvaluator;
import io.mtnas.adapter.cli.MtnasProcess;
import io.mtnas.adapter.spec.SpecException;
import io.mtnas.adapter.spec.SpecReader;
import io.mtnas.config.MtnasSettings;
import io.mtnas.domain.evaluation.Evaluator;
import io.mtnas.domain.search.SearchResources;
import io.mtnas.domain.search.SearchSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP API against a real bound server on a free port, with java.net.http as the client and
 * small synthetic benchmark tables written by the test.
 */
class ApiServerTest {
  static final String TOKEN = "test-token-0123456789abcdef";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static Path tablesDir;
  static BenchmarkTables tables;
  static HttpService server;
  static String base;
  static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** A two-task search on the synthetic NB201 table (score: c/100, max; cycle: (c+3) mod 7, min). */
  static ObjectNode spec(long seed, int budget) {
    try {
      return (ObjectNode) JSON.readTree("""
          {
            "name": "synthetic-2task",
            "space": "nb201",
            "seed": %d,
            "workers": 1,
            "strategy": {"kind": "rea", "population_size": 8, "tournament_size": 3, "avoid_seen": true},
            "tasks": [
              {"name": "score", "benchmark": "nb201", "fitness": "score", "direction": "max", "threshold": 150.0,
               "budget": %d, "test_metrics": ["cycle"], "cost_metric": "cost_s"},
              {"name": "cycle", "benchmark": "nb201", "fitness": "cycle", "direction": "min", "threshold": 0,
               "budget": %d}
            ]
          }
          """.formatted(seed, budget, budget));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The synthetic two-task spec guided by the shared GP predictor, with transfer rank; only budgets end it. */
  static ObjectNode guided(long seed, int budget) {
    ObjectNode spec = spec(seed, budget);
    spec.get("tasks").forEach(t -> ((ObjectNode) t).remove("threshold"));
    ObjectNode s = (ObjectNode) spec.get("strategy");
    s.put("candidates", 4).put("samples", 8).put("predictor", true).put("predictor_model", "gp")
        .put("predictor_other_tasks", true);
    s.putObject("transfer").put("mode", "rank");
    return spec;
  }

  /** A search's evaluations as CSV (GET .../evaluations, Accept: text/csv). */
  static String csv(String id) throws Exception {
    HttpResponse<String> r = authed("GET", "/api/v1/searches/" + id + "/evaluations", null, "Accept", "text/csv");
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  @BeforeAll
  static void start() throws Exception {
    startIn(dir);
  }

  /** Starts the server on synthetic tables under {@code dir} (other API test classes share the helpers). */
  static void startIn(Path dir) throws Exception {
    startIn(dir, e -> e);
  }

  /** As {@link #startIn(Path)}, each search's evaluator wrapped (made slow, say). */
  static void startIn(Path dir, java.util.function.UnaryOperator<io.mtnas.domain.evaluation.Evaluator> wrap)
      throws Exception {
    startIn(dir, wrap, "");
  }

  /** As above, with {@code extraConfig} (HOCON) over the test's configuration. */
  static void startIn(Path dir, java.util.function.UnaryOperator<io.mtnas.domain.evaluation.Evaluator> wrap,
      String extraConfig) throws Exception {
    tablesDir = SyntheticBenchmarks.writeAll(Files.createDirectories(dir.resolve("tables")));
    tables = BenchmarkTables.open(tablesDir);
    Config config = ConfigFactory.parseString(extraConfig).withFallback(ConfigFactory.parseString(
        "mtnas.serve.max-body-size = 64 KiB\npekko.remote.artery.canonical.port = 0")).withFallback(ConfigFactory.load());
    SearchService.Launcher launcher = new ServiceLauncher(spec -> wrap.apply(new TabularEvaluator(tables)),
        spec -> SearchResources.none(), tables);
    server = HttpService.start(config, MtnasSettings.from(config).work(), ApiSettings.from(config), tables, launcher,
        new DataDirectory(dir.resolve("data"), tables), "127.0.0.1", 0, TOKEN);
    base = "http://127.0.0.1:" + server.address().getPort();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  // --- client helpers ---

  static HttpResponse<String> send(String method, String path, String body, Consumer<HttpRequest.Builder> edit)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    edit.accept(b);
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> authed(String method, String path, String body, String... headers) throws Exception {
    return send(method, path, body, b -> {
      b.header("Authorization", "Bearer " + TOKEN);
      for (int i = 0; i < headers.length; i += 2) {
        b.header(headers[i], headers[i + 1]);
      }
    });
  }

  static HttpResponse<String> submit(JsonNode spec, String... headers) throws Exception {
    List<String> all = new ArrayList<>(List.of("Content-Type", "application/json"));
    all.addAll(List.of(headers));
    return authed("POST", "/api/v1/searches", spec.toString(), all.toArray(String[]::new));
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  static void assertProblem(HttpResponse<String> r, int status, String type) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
    JsonNode p = json(r);
    assertThat(p.get("type").asText()).isEqualTo("urn:mtnas:problem:" + type);
    assertThat(p.get("status").asInt()).isEqualTo(status);
    assertThat(p.get("title").asText()).isNotBlank();
    assertThat(p.get("detail").asText()).isNotBlank();
    assertThat(r.body()).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain(TOKEN);
  }

  static JsonNode awaitOver(String id) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode s = json(authed("GET", "/api/v1/searches/" + id, null));
      String state = s.get("state").asText();
      if (!state.equals("QUEUED") && !state.equals("RUNNING")) {
        return s;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("search " + id + " did not end in 60 s");
  }

  /** The report without what differs between runs of the same seed: the id and the wall time. */
  static JsonNode timeless(JsonNode report) {
    ObjectNode copy = report.deepCopy();
    copy.remove("wall_seconds");
    copy.remove("search_id");
    return copy;
  }

  // --- tests ---

  @Test
  void aSubmittedSearchFinishesWithTheReportAndEvaluationsOfMtnasRun() throws Exception {
    ObjectNode spec = spec(7, 40);
    HttpResponse<String> created = submit(spec);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode handle = json(created);
    String id = handle.get("id").asText();
    assertThat(handle.get("state").asText()).isIn("QUEUED", "RUNNING");
    assertThat(handle.get("revision").asLong()).isPositive();
    assertThat(created.headers().firstValue("Location")).contains("/api/v1/searches/" + id);

    JsonNode done = awaitOver(id);
    assertThat(done.get("state").asText()).isEqualTo("FINISHED");
    assertThat(done.get("spec").get("name").asText()).isEqualTo("synthetic-2task");
    assertThat(done.get("tasks")).hasSize(2);
    for (JsonNode t : done.get("tasks")) {
      assertThat(t.get("budget").asInt()).isEqualTo(40);
      assertThat(t.get("evaluations").asInt()).isPositive().isLessThanOrEqualTo(40);
      assertThat(t.get("failures").asInt()).isZero();
      assertThat(t.get("best_architecture").asText()).startsWith("|");
      assertThat(t.has("best_fitness")).isTrue();
      assertThat(t.has("solved")).isTrue();
    }

    HttpResponse<String> report = authed("GET", "/api/v1/searches/" + id + "/report", null);
    assertThat(report.statusCode()).isEqualTo(200);
    HttpResponse<String> csv = authed("GET", "/api/v1/searches/" + id + "/evaluations", null, "Accept", "text/csv");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
    HttpResponse<String> lines = authed("GET", "/api/v1/searches/" + id + "/evaluations", null);
    assertThat(lines.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/x-ndjson");
    List<String> jsonLines = lines.body().lines().toList();
    int total = json(report).get("total_evaluations").asInt();
    assertThat(jsonLines).hasSize(total);
    assertThat(JSON.readTree(jsonLines.get(0)).get("seq").asInt()).isEqualTo(1);
    assertThat(authed("GET", "/api/v1/searches/" + id + "/evaluations?after_seq=" + (total - 2), null).body().lines())
        .hasSize(2);

    // `mtnas run` on the same spec and seed, in its own JVM
    Path specFile = dir.resolve("same.json");
    Files.writeString(specFile, spec.toString());
    Path work = Files.createDirectories(dir.resolve("run"));
    MtnasProcess.Result run = MtnasProcess.run(work, "run", specFile.toString(), "--benchmarks", tablesDir.toString(),
        "--out", "out");
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    JsonNode runReport = JSON.readTree(work.resolve("out/report.json").toFile());
    assertThat(timeless(json(report))).isEqualTo(timeless(runReport));
    assertThat(csv.body()).isEqualTo(Files.readString(work.resolve("out/evaluations.csv")));

    // and the same files under --data
    Path data = dir.resolve("data").resolve(id);
    assertThat(Files.readString(data.resolve("evaluations.csv"))).isEqualTo(csv.body());
    assertThat(timeless(JSON.readTree(data.resolve("report.json").toFile()))).isEqualTo(timeless(runReport));

    // listed, filtered by state
    assertThat(json(authed("GET", "/api/v1/searches?state=finished", null)).get("searches").findValuesAsText("id"))
        .contains(id);
    assertThat(json(authed("GET", "/api/v1/searches?state=QUEUED", null)).get("searches").findValuesAsText("id"))
        .doesNotContain(id);
    assertProblem(authed("GET", "/api/v1/searches?state=sleeping", null), 400, "bad-parameter");

    // deleted once finished: gone, files too
    assertThat(authed("DELETE", "/api/v1/searches/" + id, null).statusCode()).isEqualTo(204);
    assertProblem(authed("GET", "/api/v1/searches/" + id, null), 404, "not-found");
    assertThat(data).doesNotExist();
  }

  @Test
  void aRepeatedIdempotencyKeyReturnsTheFirstSearch() throws Exception {
    HttpResponse<String> first = submit(spec(3, 10), "Idempotency-Key", "key-1");
    HttpResponse<String> again = submit(spec(3, 10), "Idempotency-Key", "key-1");
    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json(again).get("id")).isEqualTo(json(first).get("id"));
    assertThat(again.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
    assertProblem(submit(spec(4, 10), "Idempotency-Key", "key-1"), 422, "idempotency-key-reused");
    HttpResponse<String> other = submit(spec(3, 10), "Idempotency-Key", "key-2");
    assertThat(json(other).get("id")).isNotEqualTo(json(first).get("id"));
    HttpResponse<String> none = submit(spec(3, 10));
    assertThat(json(none).get("id")).isNotEqualTo(json(first).get("id"));
  }

  @Test
  void everyApiRouteNeedsTheRightBearerTokenButHealthChecksDoNot() throws Exception {
    assertProblem(send("GET", "/api/v1/searches", null, b -> {}), 401, "unauthorized");
    HttpResponse<String> wrong = send("GET", "/api/v1/searches", null,
        b -> b.header("Authorization", "Bearer " + TOKEN + "x"));
    assertProblem(wrong, 401, "unauthorized");
    assertThat(wrong.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer");
    assertProblem(send("GET", "/api/v1/searches", null, b -> b.header("Authorization", TOKEN)), 401, "unauthorized");
    assertProblem(send("GET", "/api/v1/searches", null, b -> b.header("Authorization", "Basic " + TOKEN)), 401,
        "unauthorized");
    assertProblem(send("POST", "/api/v1/searches", spec(1, 5).toString(), b -> b.header("Content-Type",
        "application/json")), 401, "unauthorized");
    assertProblem(send("GET", "/api/v1/nothing-here", null, b -> {}), 401, "unauthorized");
    assertThat(authed("GET", "/api/v1/searches", null).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/api/v1/searches", null, b -> b.header("Authorization", "bearer  " + TOKEN + " "))
        .statusCode()).as("scheme case and spaces").isEqualTo(200);

    HttpResponse<String> health = send("GET", "/healthz", null, b -> {});
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(json(health).get("status").asText()).isEqualTo("ok");
    assertThat(send("GET", "/readyz", null, b -> {}).statusCode()).isEqualTo(200);
  }

  @Test
  void anOversizedBodyIs413WithOrWithoutContentLength() throws Exception {
    String big = "{\"name\": \"" + "x".repeat(70 * 1024) + "\"}";
    assertProblem(submit(JSON.readTree(big)), 413, "body-too-large");
    // chunked: no Content-Length, the limit applies while the body is read
    HttpRequest chunked = HttpRequest.newBuilder(URI.create(base + "/api/v1/searches"))
        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(
            () -> new java.io.ByteArrayInputStream(big.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
        .build();
    assertProblem(CLIENT.send(chunked, HttpResponse.BodyHandlers.ofString()), 413, "body-too-large");
  }

  @Test
  void malformedJsonIs400NamingWhereItBroke() throws Exception {
    HttpResponse<String> r = authed("POST", "/api/v1/searches", "{\"name\": \"x\",\n  \"seed\": }",
        "Content-Type", "application/json");
    assertProblem(r, 400, "malformed-json");
    assertThat(json(r).get("detail").asText()).contains("line 2, column");
    assertProblem(authed("POST", "/api/v1/searches", "", "Content-Type", "application/json"), 400, "bad-spec");
  }

  @Test
  void aBadSpecFieldIs400WithTheJsonPathAndValueThatMtnasRunNames() throws Exception {
    ObjectNode bad = spec(1, 10);
    ((ObjectNode) bad.get("tasks").get(1)).put("budget", 0);
    HttpResponse<String> r = submit(bad);
    assertProblem(r, 400, "bad-spec");
    JsonNode p = json(r);
    assertThat(p.get("field").asText()).isEqualTo("$.tasks[1].budget");
    assertThat(p.get("value").asInt()).isZero();

    // what `mtnas run` says for the same file: the same path, value and reason
    Path file = dir.resolve("bad.json");
    Files.writeString(file, bad.toString());
    String runMessage = catchSpec(file);
    assertThat(runMessage).isEqualTo(file + ": $.tasks[1].budget: " + p.get("detail").asText()
        .substring(("request body: $.tasks[1].budget: ").length()));
    assertThat(runMessage).contains("got 0");

    ObjectNode wrongType = spec(1, 10);
    ((ObjectNode) wrongType.get("strategy")).put("population_size", "ten");
    JsonNode q = json(submit(wrongType));
    assertThat(q.get("field").asText()).isEqualTo("$.strategy.population_size");
    assertThat(q.get("value").asText()).isEqualTo("ten");

    ObjectNode unknownKey = spec(1, 10);
    unknownKey.put("colour", "blue");
    JsonNode u = json(submit(unknownKey));
    assertThat(u.get("field").asText()).isEqualTo("$.colour");
    assertThat(u.get("detail").asText()).contains("unknown key");

    ObjectNode missing = spec(1, 10);
    ((ObjectNode) missing.get("tasks").get(0)).remove("fitness");
    JsonNode m = json(submit(missing));
    assertThat(m.get("field").asText()).isEqualTo("$.tasks[0].fitness");
    assertThat(m.has("value")).as("nothing was there").isFalse();

    ObjectNode column = spec(1, 10);
    ((ObjectNode) column.get("tasks").get(0)).put("fitness", "no_such_column");
    JsonNode c = json(submit(column));
    assertThat(c.get("field").asText()).isEqualTo("$.tasks[0].fitness");
    assertThat(c.get("value").asText()).isEqualTo("no_such_column");
  }

  private static String catchSpec(Path file) {
    try {
      new SpecReader().read(file, tables);
    } catch (SpecException e) {
      return e.getMessage();
    }
    throw new AssertionError("the spec was accepted");
  }

  @Test
  void unknownIdsAndRoutesAre404AndOtherMethods405() throws Exception {
    for (String path : List.of("/api/v1/searches/nope", "/api/v1/searches/nope/report",
        "/api/v1/searches/nope/evaluations")) {
      assertProblem(authed("GET", path, null), 404, "not-found");
    }
    assertProblem(authed("POST", "/api/v1/searches/nope/cancel", null), 404, "not-found");
    assertProblem(authed("DELETE", "/api/v1/searches/nope", null), 404, "not-found");
    assertProblem(authed("GET", "/api/v1/workers-of-the-world", null), 404, "not-found");
    assertProblem(send("GET", "/index.html", null, b -> {}), 404, "not-found");
    HttpResponse<String> put = authed("PUT", "/api/v1/searches", "{}", "Content-Type", "application/json");
    assertProblem(put, 405, "method-not-allowed");
    assertThat(put.headers().firstValue("Allow").orElseThrow()).contains("GET").contains("POST");
    assertProblem(authed("GET", "/api/v1/searches/nope/cancel", null), 405, "method-not-allowed");
  }

  @Test
  void aSpecThatIsNotJsonByContentTypeIs415() throws Exception {
    assertProblem(authed("POST", "/api/v1/searches", spec(1, 5).toString(), "Content-Type", "text/plain"), 415,
        "unsupported-media-type");
    assertProblem(authed("POST", "/api/v1/searches", spec(1, 5).toString()), 415, "unsupported-media-type");
    assertThat(authed("POST", "/api/v1/searches", spec(1, 5).toString(), "Content-Type",
        "application/json; charset=utf-8").statusCode()).isEqualTo(201);
  }

  @Test
  void aRunningSearchCanBeCancelledThenDeletedAndHasNoReport() throws Exception {
    // the whole table as budget and no threshold: it runs far longer than this test
    ObjectNode longRun = spec(9, 15_625);
    ((ObjectNode) longRun.get("tasks").get(0)).remove("threshold");
    ((ObjectNode) longRun.get("tasks").get(1)).remove("threshold");
    HttpResponse<String> submitted = submit(longRun);
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
    String id = json(submitted).get("id").asText();
    assertProblem(authed("GET", "/api/v1/searches/" + id + "/report", null), 409, "conflict");
    assertProblem(authed("DELETE", "/api/v1/searches/" + id, null), 409, "conflict");
    HttpResponse<String> cancelled = authed("POST", "/api/v1/searches/" + id + "/cancel", null);
    assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
    assertThat(json(cancelled).get("state").asText()).isEqualTo("CANCELLED");
    assertProblem(authed("POST", "/api/v1/searches/" + id + "/cancel", null), 409, "conflict");
    JsonNode after = json(authed("GET", "/api/v1/searches/" + id, null));
    assertThat(after.get("state").asText()).isEqualTo("CANCELLED");
    Thread.sleep(300);
    int evaluations = json(authed("GET", "/api/v1/searches/" + id, null)).get("tasks").get(0).get("evaluations").asInt();
    Thread.sleep(300);
    assertThat(json(authed("GET", "/api/v1/searches/" + id, null)).get("tasks").get(0).get("evaluations").asInt())
        .as("no evaluation counts after the cancel").isEqualTo(evaluations);
    assertProblem(authed("GET", "/api/v1/searches/" + id + "/report", null), 409, "conflict");
    assertThat(authed("DELETE", "/api/v1/searches/" + id, null).statusCode()).isEqualTo(204);
  }

  @Test
  void theServiceKeepsServingOtherSearchesThroughBadRequests() throws Exception {
    String good = json(submit(spec(21, 30))).get("id").asText();
    List<HttpResponse<String>> bad = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      bad.add(authed("POST", "/api/v1/searches", "{{{" + i, "Content-Type", "application/json"));
      bad.add(submit(JSON.readTree("{\"name\": 1}")));
      bad.add(send("GET", "/api/v1/searches/" + good, null, b -> b.header("Authorization", "Bearer nope")));
      bad.add(authed("PATCH", "/api/v1/searches/" + good, "{}", "Content-Type", "application/json"));
      bad.add(authed("PUT", "/api/v1/searches/" + good, "{}", "Content-Type", "application/json"));
    }
    assertThat(bad).extracting(HttpResponse::statusCode).containsOnly(400, 401, 405, 428);
    String second = json(submit(spec(22, 30))).get("id").asText();
    assertThat(awaitOver(good).get("state").asText()).isEqualTo("FINISHED");
    assertThat(awaitOver(second).get("state").asText()).isEqualTo("FINISHED");
    assertThat(send("GET", "/healthz", null, b -> {}).statusCode()).isEqualTo(200);
  }

  @Test
  void severalSearchesRunAtOnceAndEachEndsAsAloneWouldHave() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int seed = 31; seed < 37; seed++) {
      ids.add(json(submit(spec(seed, 25))).get("id").asText());
    }
    Map<String, String> csvBySeed = new java.util.HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      assertThat(awaitOver(ids.get(i)).get("state").asText()).isEqualTo("FINISHED");
      csvBySeed.put(ids.get(i), authed("GET", "/api/v1/searches/" + ids.get(i) + "/evaluations", null,
          "Accept", "text/csv").body());
    }
    // the same seed alone gives the same evaluations as it did among five others
    String again = json(submit(spec(31, 25))).get("id").asText();
    awaitOver(again);
    assertThat(authed("GET", "/api/v1/searches/" + again + "/evaluations", null, "Accept", "text/csv").body())
        .isEqualTo(csvBySeed.get(ids.get(0)));
  }

  @Test
  void theListPagesWithAnOpaqueCursorThatMissesNothingAndRepeatsNothing() throws Exception {
    for (int i = 0; i < 5; i++) {
      submit(spec(40 + i, 3));
    }
    JsonNode whole = json(authed("GET", "/api/v1/searches?limit=1000", null));
    assertThat(whole.get("next_cursor").isNull()).isTrue();
    List<String> all = new ArrayList<>();
    whole.get("searches").forEach(e -> all.add(e.get("id").asText()));
    assertThat(all).hasSizeGreaterThanOrEqualTo(5);

    List<String> paged = new ArrayList<>();
    String query = "?limit=2";
    int pages = 0;
    while (query != null) {
      JsonNode page = json(authed("GET", "/api/v1/searches" + query, null));
      assertThat(page.get("searches").size()).isBetween(1, 2);
      page.get("searches").forEach(e -> paged.add(e.get("id").asText()));
      query = page.get("next_cursor").isNull() ? null : "?limit=2&cursor=" + page.get("next_cursor").asText();
      pages++;
    }
    assertThat(paged).isEqualTo(all);
    assertThat(pages).isEqualTo((all.size() + 1) / 2);

    assertProblem(authed("GET", "/api/v1/searches?limit=0", null), 400, "bad-parameter");
    assertThat(json(authed("GET", "/api/v1/searches?limit=1001", null)).get("field").asText()).isEqualTo("limit");
    assertThat(json(authed("GET", "/api/v1/searches?cursor=bm9wZQ", null)).get("field").asText()).isEqualTo("cursor");
  }
}
