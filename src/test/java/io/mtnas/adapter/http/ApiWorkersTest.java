package io.mtnas.adapter.http;

import static io.mtnas.adapter.http.ApiServerTest.TOKEN;
import static io.mtnas.adapter.http.ApiServerTest.authed;
import static io.mtnas.adapter.http.ApiServerTest.json;
import static io.mtnas.adapter.http.ApiServerTest.spec;
import static io.mtnas.adapter.http.ApiServerTest.submit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtnas.adapter.http.SseClient.Frame;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /workers and the shared pool: one worker serves two searches at once, neither waits for the other. */
class ApiWorkersTest {
  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    ApiServerTest.startIn(dir, ApiControlTest.Slow::new, "mtnas.serve.workers = 1");
  }

  @AfterAll
  static void stop() {
    ApiServerTest.stop();
  }

  private static JsonNode workers() throws Exception {
    return json(authed("GET", "/api/v1/workers", null)).get("workers");
  }

  private static ObjectNode unsolvable(long seed, int budget) {
    ObjectNode spec = spec(seed, budget);
    spec.get("tasks").forEach(t -> ((ObjectNode) t).remove("threshold"));
    return spec;
  }

  @Test
  void oneSharedWorkerServesTwoSearchesInTurnAndCountsItsJobs() throws Exception {
    JsonNode before = workers();
    // the list is the cluster receptionist's, which hears of a registration within moments
    for (int i = 0; i < 200 && before.isEmpty(); i++) {
      Thread.sleep(50);
      before = workers();
    }
    assertThat(before).hasSize(1);
    JsonNode w = before.get(0);
    assertThat(w.get("id").asText()).isEqualTo("pool-worker-1");
    assertThat(w.get("node").asText()).startsWith("pekko://mtnas-serve@127.0.0.1:");
    assertThat(w.get("devices").get(0).asText()).isEqualTo("cpu");
    assertThat(w.get("busy").asBoolean()).isFalse();
    long doneBefore = w.get("jobs_done").asLong();
    assertThat(ApiServerTest.send("GET", "/api/v1/workers", null, b -> {}).statusCode()).isEqualTo(401);

    String a = json(submit(unsolvable(51, 40))).get("id").asText();
    String b = json(submit(unsolvable(52, 40))).get("id").asText();
    List<Frame> all = SseClient.follow(ApiServerTest.base + "/api/v1/events", TOKEN, Duration.ofSeconds(90),
        frames -> frames.stream().filter(f -> f.event().equals("search_finished")).count() == 2);
    List<String> order = all.stream().filter(f -> f.event().equals("evaluation"))
        .map(f -> f.data().get("search").asText()).toList();
    assertThat(order).hasSize(160);
    int firstB = order.indexOf(b);
    int lastA = order.lastIndexOf(a);
    assertThat(firstB).as("b does not wait for a to finish").isLessThan(lastA);
    long aAfterB = order.subList(firstB, order.size()).stream().filter(a::equals).count();
    assertThat(aAfterB).as("nor does a stop while b runs").isGreaterThan(10); // (the stream interleaves searches only as finely as their deliveries)
    JsonNode after = workers().get(0);
    assertThat(after.get("jobs_done").asLong() - doneBefore).as("the pool did every job").isEqualTo(160);
  }
}
