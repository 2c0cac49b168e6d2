package io.mtnas.adapter.http;

import static io.mtnas.adapter.http.ApiServerTest.assertProblem;
import static io.mtnas.adapter.http.ApiServerTest.authed;
import static io.mtnas.adapter.http.ApiServerTest.csv;
import static io.mtnas.adapter.http.ApiServerTest.guided;
import static io.mtnas.adapter.http.ApiServerTest.json;
import static io.mtnas.adapter.http.ApiServerTest.submit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * POST /searches/{id}/tasks on a real server: a task joins a running guided, transferring search,
 * the service is restarted after the join, and the search ends exactly as the same search with the
 * task scheduled in its spec ({@code join_after}) at the place the live join took.
 */
class ApiJoinTest {
  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    ApiServerTest.startIn(dir, ApiControlTest.Slow::new);
  }

  @AfterAll
  static void stop() {
    ApiServerTest.stop();
  }

  /** The task that joins: the synthetic table's cycle column, maximised. */
  private static ObjectNode late(int budget) {
    ObjectNode t = ApiServerTest.JSON.createObjectNode();
    t.put("name", "late").put("benchmark", "nb201").put("fitness", "cycle").put("direction", "max")
        .put("budget", budget);
    return t;
  }

  private static HttpResponse<String> join(String id, String body) throws Exception {
    return authed("POST", "/api/v1/searches/" + id + "/tasks", body, "Content-Type", "application/json");
  }

  private static JsonNode get(String id) throws Exception {
    return json(authed("GET", "/api/v1/searches/" + id, null));
  }

  private static int evaluations(JsonNode search, String task) {
    for (JsonNode t : search.get("tasks")) {
      if (t.get("task").asText().equals(task)) {
        return t.get("evaluations").asInt();
      }
    }
    return -1;
  }

  private static JsonNode await(String id, String task, int atLeast) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    JsonNode s = get(id);
    while (evaluations(s, task) < atLeast && !s.get("state").asText().matches("FINISHED|FAILED|CANCELLED")) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("search " + id + ": task " + task + " did not reach " + atLeast + ": " + s);
      }
      Thread.sleep(5);
      s = get(id);
    }
    return s;
  }

  private static List<SseClient.Frame> events(String id) throws Exception {
    return SseClient.follow(ApiServerTest.base + "/api/v1/searches/" + id + "/events",
        ApiServerTest.TOKEN, Duration.ofSeconds(30), frames -> frames.stream()
            .anyMatch(f -> "search_finished".equals(f.event())));
  }

  @Test
  void aTaskJoinsARunningSearchSurvivesARestartAndEndsAsIfScheduledInItsSpec() throws Exception {
    String id = json(submit(guided(51, 40))).get("id").asText();
    await(id, "score", 12);
    HttpResponse<String> joined = join(id, late(25).toString());
    assertThat(joined.statusCode()).as(joined.body()).isEqualTo(201);
    assertThat(json(joined).get("task").asText()).isEqualTo("late");
    assertThat(joined.headers().firstValue("Location")).contains("/api/v1/searches/" + id);
    assertThat(joined.headers().firstValue("ETag")).contains("\"" + json(joined).get("revision").asLong() + "\"");
    assertThat(evaluations(get(id), "late")).as("listed at once, with nothing evaluated").isZero();
    assertThat(json(join(id, late(25).toString())).get("detail").asText()).as("a name is taken once")
        .endsWith("$.name: the search already has a task \"late\"");

    await(id, "late", 4);
    ApiServerTest.stop(); // mid-run, after the join: the catalog has the task, the journal where it joined
    ApiServerTest.startIn(dir, ApiControlTest.Slow::new);
    JsonNode done = ApiServerTest.awaitOver(id);
    assertThat(done.get("state").asText()).isEqualTo("FINISHED");
    assertThat(evaluations(done, "late")).as("its budget, nothing counted twice").isEqualTo(25);
    assertThat(evaluations(done, "score")).isEqualTo(40);
    assertThat(done.get("spec").get("tasks")).hasSize(3);
    JsonNode report = json(authed("GET", "/api/v1/searches/" + id + "/report", null));
    assertThat(report.toString()).contains("\"late\"");

    List<SseClient.Frame> joins = events(id).stream().filter(f -> "task_joined".equals(f.event())).toList();
    assertThat(joins).as("the restarted engine replays the join at its place").hasSize(1);
    long place = joins.get(0).data().get("after_evaluations").asLong();
    assertThat(place).isGreaterThanOrEqualTo(12);

    ObjectNode scheduled = guided(51, 40);
    ((com.fasterxml.jackson.databind.node.ArrayNode) scheduled.get("tasks")).add(late(25).put("join_after", place));
    String reference = json(submit(scheduled)).get("id").asText();
    assertThat(ApiServerTest.awaitOver(reference).get("state").asText()).isEqualTo("FINISHED");
    assertThat(csv(id)).as("one worker: a live join is the scheduled one at the same place").isEqualTo(csv(reference));
    assertThat(csv(id).lines().filter(l -> l.startsWith("late,")).count()).isEqualTo(25);
    List<String> header = List.of(csv(id).lines().findFirst().orElseThrow().split(","));
    List<String> origins = csv(id).lines().filter(l -> l.startsWith("late,"))
        .map(l -> l.split(",", -1)[header.indexOf("origin")]).toList();
    assertThat(origins.subList(0, 8)).as("its first population: the archive by the predictor, the others' populations")
        .containsOnly("warm-predictor", "warm-transfer").contains("warm-predictor", "warm-transfer");
    assertThat(events(id).stream().filter(f -> "evaluation".equals(f.event()))
        .filter(f -> f.data().get("task").asText().equals("late")).limit(8)
        .map(f -> f.data().get("origin").asText()).toList()).as("the events say so too").isEqualTo(origins.subList(0, 8));

    assertProblem(join(id, late(5).put("name", "later").toString()), 409, "conflict");
  }

  @Test
  void aBadTaskIsRefusedNamingItsFieldAndChangesNothing() throws Exception {
    String id = json(submit(guided(52, 400))).get("id").asText();
    long revision = get(id).get("revision").asLong();
    HttpResponse<String> budget = join(id, late(0).toString());
    assertProblem(budget, 400, "bad-spec");
    assertThat(json(budget).get("field").asText()).isEqualTo("$.budget");
    HttpResponse<String> taken = join(id, late(5).put("name", "score").toString());
    assertProblem(taken, 400, "bad-spec");
    assertThat(json(taken).get("field").asText()).isEqualTo("$.name");
    assertProblem(join(id, late(5).put("fitness", "nope").toString()), 400, "bad-spec");
    assertProblem(join(id, "{\"name\": "), 400, "malformed-json");
    assertProblem(authed("POST", "/api/v1/searches/" + id + "/tasks", late(5).toString(), "Content-Type",
        "text/plain"), 415, "unsupported-media-type");
    assertProblem(join("no-such-search", late(5).toString()), 404, "not-found");
    assertThat(get(id).get("revision").asLong()).as("refused joins change nothing").isEqualTo(revision);
    assertThat(get(id).get("tasks")).hasSize(2);
    authed("POST", "/api/v1/searches/" + id + "/cancel", null);
  }
}
