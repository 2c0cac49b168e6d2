package io.mtnas.adapter.http;

import static io.mtnas.adapter.http.ApiServerTest.TOKEN;
import static io.mtnas.adapter.http.ApiServerTest.assertProblem;
import static io.mtnas.adapter.http.ApiServerTest.authed;
import static io.mtnas.adapter.http.ApiServerTest.json;
import static io.mtnas.adapter.http.ApiServerTest.spec;
import static io.mtnas.adapter.http.ApiServerTest.submit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.mtnas.adapter.http.SseClient.Frame;

/** GET /api/v1/searches/{id}/events: server-sent events from a real server through java.net.http. */
class ApiEventsTest {
  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    ApiServerTest.startIn(dir);
  }

  @AfterAll
  static void stop() {
    ApiServerTest.stop();
  }

  /** The frames of a search's event stream; a trailing odd argument is a query string. */
  static List<Frame> follow(String id, String... headers) throws Exception {
    String query = headers.length % 2 == 1 ? headers[headers.length - 1] : "";
    return SseClient.follow(ApiServerTest.base + "/api/v1/searches/" + id + "/events" + query, TOKEN,
        Duration.ofSeconds(60), headers);
  }

  @Test
  void aFollowerGetsEveryEventInOrderToTheEndAndAReconnectResumesAfterItsLastId() throws Exception {
    String id = json(submit(spec(11, 30))).get("id").asText();
    List<Frame> all = follow(id);
    assertThat(all).isNotEmpty();
    for (int i = 0; i < all.size(); i++) {
      Frame f = all.get(i);
      assertThat(f.id()).as("frame %d", i).isEqualTo(Long.toString(i + 1));
      assertThat(f.data().get("seq").asLong()).isEqualTo(i + 1);
      assertThat(f.data().get("event").asText()).isEqualTo(f.event());
      assertThat(f.data().get("search").asText()).isEqualTo(id);
    }
    assertThat(all.get(0).event()).isEqualTo("search_started");
    assertThat(all.get(all.size() - 1).event()).isEqualTo("search_finished");
    assertThat(all.stream().filter(f -> f.event().equals("evaluation")).count()).isEqualTo(evaluations(id));

    List<Frame> resumed = follow(id, "Last-Event-ID", "17");
    assertThat(resumed).extracting(Frame::id).containsExactlyElementsOf(
        all.subList(17, all.size()).stream().map(Frame::id).toList());
    assertThat(resumed).extracting(Frame::data).containsExactlyElementsOf(
        all.subList(17, all.size()).stream().map(Frame::data).toList());
    List<Frame> from = follow(id, "?from_seq=5");
    assertThat(from.get(0).id()).isEqualTo("5");
    assertThat(from).hasSize(all.size() - 4);
  }

  @Test
  void aFollowerOfARunningSearchSeesItLiveUntilItEnds() throws Exception {
    com.fasterxml.jackson.databind.node.ObjectNode spec = spec(12, 400);
    spec.get("tasks").forEach(t -> ((com.fasterxml.jackson.databind.node.ObjectNode) t).remove("threshold"));
    String id = json(submit(spec)).get("id").asText();
    List<Frame> frames = follow(id);
    assertThat(frames.get(frames.size() - 1).event()).isEqualTo("search_finished");
    assertThat(frames.stream().filter(f -> f.event().equals("evaluation")).count()).isEqualTo(evaluations(id))
        .isEqualTo(800);
  }

  /** The search's evaluations as GET /searches/{id} counts them (it may stop at its thresholds). */
  private static long evaluations(String id) throws Exception {
    long n = 0;
    for (JsonNode t : json(authed("GET", "/api/v1/searches/" + id, null)).get("tasks")) {
      n += t.get("evaluations").asLong();
    }
    return n;
  }

  @Test
  void badResumePointsAndUnknownSearchesAreProblems() throws Exception {
    String id = json(submit(spec(13, 5))).get("id").asText();
    assertProblem(authed("GET", "/api/v1/searches/" + id + "/events", null, "Last-Event-ID", "abc"), 400, "bad-parameter");
    assertThat(json(authed("GET", "/api/v1/searches/" + id + "/events", null, "Last-Event-ID", "-1")).get("detail")
        .asText()).contains("Last-Event-ID").contains("-1");
    assertProblem(authed("GET", "/api/v1/searches/" + id + "/events?from_seq=0", null), 400, "bad-parameter");
    assertProblem(authed("GET", "/api/v1/searches/nope/events", null), 404, "not-found");
    assertThat(ApiServerTest.send("GET", "/api/v1/searches/" + id + "/events", null, b -> {}).statusCode())
        .isEqualTo(401);
  }

  @Test
  void theServiceStreamCarriesEverySearchsEventsNumberedServiceWideAndResumesAfterItsLastId() throws Exception {
    String a = json(submit(spec(14, 20))).get("id").asText();
    String b = json(submit(spec(15, 20))).get("id").asText();
    String url = ApiServerTest.base + "/api/v1/events";
    java.util.function.Predicate<List<Frame>> bothFinished = frames -> frames.stream()
        .filter(f -> f.event().equals("search_finished")).map(f -> f.data().get("search").asText())
        .filter(s -> s.equals(a) || s.equals(b)).distinct().count() == 2;
    List<Frame> all = SseClient.follow(url, TOKEN, Duration.ofSeconds(60), bothFinished);
    for (int i = 0; i < all.size(); i++) {
      assertThat(all.get(i).id()).as("frame %d", i).isEqualTo(Long.toString(i + 1));
      assertThat(all.get(i).data().get("service_seq").asLong()).isEqualTo(i + 1);
    }
    for (String id : List.of(a, b)) {
      List<Frame> own = all.stream().filter(f -> f.data().get("search").asText().equals(id)).toList();
      List<Frame> alone = follow(id);
      assertThat(own).as("search %s: its own stream, in its order", id).hasSize(alone.size());
      for (int i = 0; i < own.size(); i++) {
        assertThat(own.get(i).data().get("seq").asLong()).isEqualTo(Long.parseLong(alone.get(i).id()));
        assertThat(own.get(i).event()).isEqualTo(alone.get(i).event());
      }
    }
    int cut = all.size() / 2;
    List<Frame> resumed = SseClient.follow(url, TOKEN, Duration.ofSeconds(60),
        frames -> frames.size() >= all.size() - cut, "Last-Event-ID", all.get(cut - 1).id());
    assertThat(resumed).extracting(Frame::id)
        .containsExactlyElementsOf(all.subList(cut, all.size()).stream().map(Frame::id).toList());
    assertProblem(authed("GET", "/api/v1/events?from_seq=x", null), 400, "bad-parameter");
    assertThat(ApiServerTest.send("GET", "/api/v1/events", null, r -> {}).statusCode()).isEqualTo(401);
  }

  @Test
  void aFollowerOfAQueuedSearchGetsItsEventsOnceItStarts() throws Exception {
    List<String> blockers = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) { // mtnas.serve.max-running: the fifth waits
      com.fasterxml.jackson.databind.node.ObjectNode endless = spec(60 + i, 15_625);
      endless.get("tasks").forEach(t -> ((com.fasterxml.jackson.databind.node.ObjectNode) t).remove("threshold"));
      blockers.add(json(submit(endless)).get("id").asText());
    }
    String queued = json(submit(spec(64, 20))).get("id").asText();
    assertThat(json(authed("GET", "/api/v1/searches/" + queued, null)).get("state").asText()).isEqualTo("QUEUED");
    var frames = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return follow(queued);
      } catch (Exception e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    });
    Thread.sleep(300); // the follower is attached to the queued search's stream
    for (String id : blockers) {
      authed("POST", "/api/v1/searches/" + id + "/cancel", null);
    }
    List<Frame> got = frames.get(60, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(got.get(0).event()).isEqualTo("search_started");
    assertThat(got.get(got.size() - 1).event()).isEqualTo("search_finished");
  }
}
