package io.mtnas.adapter.http;

import static io.mtnas.adapter.http.ApiServerTest.assertProblem;
import static io.mtnas.adapter.http.ApiServerTest.authed;
import static io.mtnas.adapter.http.ApiServerTest.csv;
import static io.mtnas.adapter.http.ApiServerTest.json;
import static io.mtnas.adapter.http.ApiServerTest.spec;
import static io.mtnas.adapter.http.ApiServerTest.submit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mtnas.domain.evaluation.EvaluationJob;
import io.mtnas.domain.evaluation.EvaluationOutcome;
import io.mtnas.domain.evaluation.Evaluator;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PATCH /searches/{id} (budgets, with If-Match), POST .../pause and .../resume on a real server,
 * with evaluations slowed to a few milliseconds so that a search is still running when it is
 * changed.
 */
class ApiControlTest {
  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    ApiServerTest.startIn(dir, Slow::new);
  }

  @AfterAll
  static void stop() {
    ApiServerTest.stop();
  }

  /** A table lookup that takes {@link #MILLIS} ms, as a (very fast) trainer would. */
  record Slow(Evaluator inner) implements Evaluator {
    static final long MILLIS = 10;

    @Override
    public EvaluationOutcome evaluate(EvaluationJob job) {
      try {
        Thread.sleep(MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return inner.evaluate(job);
    }

    @Override
    public void close() {
      inner.close();
    }
  }

  /** The synthetic two-task spec without thresholds: only budgets end its tasks. */
  private static JsonNode unsolvable(long seed, int budget) {
    var spec = spec(seed, budget);
    spec.get("tasks").forEach(t -> ((com.fasterxml.jackson.databind.node.ObjectNode) t).remove("threshold"));
    return spec;
  }

  private static JsonNode get(String id) throws Exception {
    return json(authed("GET", "/api/v1/searches/" + id, null));
  }

  private static JsonNode task(JsonNode search, String name) {
    for (JsonNode t : search.get("tasks")) {
      if (t.get("task").asText().equals(name)) {
        return t;
      }
    }
    throw new AssertionError("no task " + name + " in " + search);
  }

  private static HttpResponse<String> patch(String id, String ifMatch, String body) throws Exception {
    return ifMatch == null
        ? authed("PATCH", "/api/v1/searches/" + id, body, "Content-Type", "application/json")
        : authed("PATCH", "/api/v1/searches/" + id, body, "Content-Type", "application/json", "If-Match", ifMatch);
  }

  private static JsonNode awaitState(String id, String state) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    JsonNode s = get(id);
    while (!s.get("state").asText().equals(state)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("search " + id + " is not " + state + " after 90 s: " + s);
      }
      Thread.sleep(20);
      s = get(id);
    }
    return s;
  }

  private static JsonNode awaitEvaluations(String id, int atLeast) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    JsonNode s = get(id);
    while (task(s, "score").get("evaluations").asInt() < atLeast) {
      if (System.nanoTime() > deadline || !s.get("state").asText().matches("QUEUED|RUNNING")) {
        throw new AssertionError("search " + id + " did not reach " + atLeast + " evaluations: " + s);
      }
      Thread.sleep(10);
      s = get(id);
    }
    return s;
  }

  @Test
  void aBudgetChangeNeedsTheCurrentRevisionAndTheRunningSearchTakesIt() throws Exception {
    String id = json(submit(unsolvable(31, 40))).get("id").asText();
    JsonNode running = awaitEvaluations(id, 3);
    HttpResponse<String> got = authed("GET", "/api/v1/searches/" + id, null);
    String etag = got.headers().firstValue("ETag").orElseThrow();
    assertThat(etag).isEqualTo("\"" + json(got).get("revision").asLong() + "\"");
    String raise = "{\"budgets\": {\"score\": 60}}";

    assertProblem(patch(id, null, raise), 428, "precondition-required");
    HttpResponse<String> stale = patch(id, "\"" + (running.get("revision").asLong() - 1) + "\"", raise);
    assertProblem(stale, 409, "conflict");
    assertThat(json(stale).get("field").asText()).isEqualTo("If-Match");
    assertThat(stale.headers().firstValue("ETag")).contains(etag);
    assertProblem(patch(id, "three", raise), 400, "bad-header");
    assertProblem(patch(id, etag, "{\"budgets\": {\"nope\": 5}}"), 400, "bad-budget");
    assertThat(json(patch(id, etag, "{\"budgets\": {\"nope\": 5}}")).get("field").asText())
        .isEqualTo("$.budgets.nope");
    assertThat(json(patch(id, etag, "{\"budgets\": {\"score\": 0}}")).get("field").asText())
        .isEqualTo("$.budgets.score");
    assertThat(json(patch(id, etag, "{\"budgets\": {\"score\": \"60\"}}")).get("value").asText()).isEqualTo("60");
    assertThat(json(patch(id, etag, "{\"budgets\": {\"score\": 60}, \"seed\": 1}")).get("field").asText())
        .isEqualTo("$.seed");
    assertThat(json(patch(id, etag, "{\"budgets\": {}}")).get("field").asText()).isEqualTo("$.budgets");
    assertProblem(authed("PATCH", "/api/v1/searches/" + id, raise, "Content-Type", "text/plain", "If-Match", etag),
        415, "unsupported-media-type");
    assertProblem(patch("no-such-search", "\"1\"", raise), 404, "not-found");
    assertThat(get(id).get("revision").asLong()).as("refused changes change nothing")
        .isEqualTo(running.get("revision").asLong());

    HttpResponse<String> ok = patch(id, etag, raise);
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(json(ok).get("revision").asLong()).isEqualTo(running.get("revision").asLong() + 1);
    assertThat(ok.headers().firstValue("ETag")).contains("\"" + json(ok).get("revision").asLong() + "\"");
    assertProblem(patch(id, etag, "{\"budgets\": {\"score\": 70}}"), 409, "conflict");

    JsonNode done = awaitState(id, "FINISHED");
    assertThat(task(done, "score").get("budget").asInt()).isEqualTo(60);
    assertThat(task(done, "score").get("evaluations").asInt())
        .as("with no threshold only the budget ends the task").isEqualTo(60);
    assertThat(done.get("spec").get("tasks").get(0).get("budget").asInt())
        .as("the spec stays what the engine started from").isEqualTo(40);
    assertProblem(patch(id, "\"" + done.get("revision").asLong() + "\"", raise), 409, "conflict");
  }

  @Test
  void aPausedSearchStopsAndResumedEndsExactlyAsIfNeverPaused() throws Exception {
    String paused = json(submit(unsolvable(32, 60))).get("id").asText();
    awaitEvaluations(paused, 10);
    HttpResponse<String> pause = authed("POST", "/api/v1/searches/" + paused + "/pause", null);
    assertThat(pause.statusCode()).as(pause.body()).isEqualTo(200);
    assertThat(json(pause).get("state").asText()).isEqualTo("PAUSED");
    assertProblem(authed("POST", "/api/v1/searches/" + paused + "/pause", null), 409, "conflict");
    int atPause = task(get(paused), "score").get("evaluations").asInt();
    Thread.sleep(300);
    assertThat(task(get(paused), "score").get("evaluations").asInt()).as("nothing runs while paused")
        .isEqualTo(atPause);

    HttpResponse<String> resume = authed("POST", "/api/v1/searches/" + paused + "/resume", null);
    assertThat(resume.statusCode()).as(resume.body()).isEqualTo(200);
    assertProblem(authed("POST", "/api/v1/searches/" + paused + "/resume", null), 409, "conflict");
    awaitState(paused, "FINISHED");

    String straight = json(submit(unsolvable(32, 60))).get("id").asText();
    awaitState(straight, "FINISHED");
    assertThat(csv(paused)).as("one worker: the pause changes nothing the search decides").isEqualTo(csv(straight));
    assertProblem(authed("POST", "/api/v1/searches/" + paused + "/pause", null), 409, "conflict");
    assertProblem(authed("POST", "/api/v1/searches/nope/resume", null), 404, "not-found");
  }

  @Test
  void aBudgetChangedWhilePausedIsTakenOnResumeAndSurvivesARestart() throws Exception {
    String id = json(submit(unsolvable(33, 40))).get("id").asText();
    awaitEvaluations(id, 5);
    authed("POST", "/api/v1/searches/" + id + "/pause", null);
    JsonNode paused = awaitState(id, "PAUSED");
    HttpResponse<String> ok = patch(id, "\"" + paused.get("revision").asLong() + "\"", "{\"budgets\": {\"score\": 55}}");
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    authed("POST", "/api/v1/searches/" + id + "/resume", null);
    awaitEvaluations(id, 45); // past the old budget: the resumed engine took the change

    ApiServerTest.stop(); // mid-run: the change and the evaluations so far are stored
    ApiServerTest.startIn(dir, Slow::new);
    JsonNode done = awaitState(id, "FINISHED");
    assertThat(task(done, "score").get("budget").asInt()).isEqualTo(55);
    assertThat(task(done, "score").get("evaluations").asInt()).isEqualTo(55);
    assertThat(csv(id).lines().filter(l -> l.startsWith("score,")).count()).isEqualTo(55);
  }

  /** Rows of the embedded H2 journal for a search's deliveries not marked deleted (the server must be stopped). */
  private static long storedDeliveries(String id) throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("data").resolve("journal").toAbsolutePath();
    try (var c = java.sql.DriverManager.getConnection(url, "sa", "");
        var q = c.prepareStatement(
            "SELECT COUNT(*) FROM \"event_journal\" WHERE \"persistence_id\" = ? AND NOT \"deleted\"")) {
      q.setString(1, "search-deliveries|" + id);
      try (var r = q.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  @Test
  void deletingASearchErasesItsStoredDeliveries() throws Exception {
    String kept = json(submit(unsolvable(34, 12))).get("id").asText();
    String deleted = json(submit(unsolvable(35, 12))).get("id").asText();
    awaitState(kept, "FINISHED");
    awaitState(deleted, "FINISHED");
    assertThat(authed("DELETE", "/api/v1/searches/" + deleted, null).statusCode()).isEqualTo(204);
    Thread.sleep(1000); // the erasure runs just after the answer
    ApiServerTest.stop();
    try {
      assertThat(storedDeliveries(kept)).as("a kept search keeps its deliveries").isEqualTo(24);
      assertThat(storedDeliveries(deleted)).isZero();
    } finally {
      ApiServerTest.startIn(dir, Slow::new);
    }
    assertThat(get(kept).get("state").asText()).isEqualTo("FINISHED");
    assertProblem(authed("GET", "/api/v1/searches/" + deleted, null), 404, "not-found");
  }
}
