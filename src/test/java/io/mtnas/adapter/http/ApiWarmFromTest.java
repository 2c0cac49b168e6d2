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
import io.mtnas.actor.ProgressCapture;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A search that starts from an earlier, finished one ({@code warm_from}): its tasks' first
 * populations come from the earlier results, its arbiter votes from the first round with the
 * earlier search's stored transfer labels, it reproduces for a seed, survives a restart, and the
 * earlier search cannot be deleted while it runs.
 */
class ApiWarmFromTest {
  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    ApiServerTest.startIn(dir, ApiControlTest.Slow::new);
  }

  @AfterAll
  static void stop() {
    ApiServerTest.stop();
  }

  private static ObjectNode warmFrom(ObjectNode spec, String... ids) {
    var list = spec.putArray("warm_from");
    for (String id : ids) {
      list.add(id);
    }
    return spec;
  }

  private static List<String> firstOrigins(String id, String task, int n) throws Exception {
    String body = csv(id);
    List<String> header = List.of(body.lines().findFirst().orElseThrow().split(","));
    return body.lines().filter(l -> l.startsWith(task + ",")).limit(n)
        .map(l -> l.split(",", -1)[header.indexOf("origin")]).toList();
  }

  /** The rules of {@code task}'s first transfer round (replays after a restart included). */
  private static Set<String> firstRoundRules(ProgressCapture capture, String id, String task) {
    List<ProgressCapture.Line> rounds = new ArrayList<>(capture.events(id, "transfer_decided"));
    rounds.addAll(capture.events(id, "transfer_skipped"));
    rounds.removeIf(l -> !task.equals(l.field("task")));
    int first = rounds.stream().mapToInt(l -> Integer.parseInt(l.field("round"))).min().orElseThrow(
        () -> new AssertionError(task + " of " + id + " had no transfer round"));
    return rounds.stream().filter(l -> Integer.parseInt(l.field("round")) == first).map(l -> l.field("rule"))
        .collect(Collectors.toSet());
  }

  @Test
  void aSearchStartsFromAFinishedOneReproducesAndKeepsItFromBeingDeleted() throws Exception {
    try (ProgressCapture capture = new ProgressCapture()) {
      startsFromAFinishedOne(capture);
    }
  }

  private void startsFromAFinishedOne(ProgressCapture capture) throws Exception {
    String earlier = json(submit(guided(61, 30))).get("id").asText();
    assertThat(ApiServerTest.awaitOver(earlier).get("state").asText()).isEqualTo("FINISHED");
    Set<String> labelled = capture.events(earlier, "transfer_labelled").stream().map(l -> l.field("task"))
        .collect(Collectors.toSet());
    assertThat(labelled).as("the earlier search decided transfer labels").isNotEmpty();

    String warm = json(submit(warmFrom(guided(62, 40), earlier))).get("id").asText();
    HttpResponse<String> refused = authed("DELETE", "/api/v1/searches/" + earlier, null);
    assertProblem(refused, 409, "conflict");
    assertThat(json(refused).get("detail").asText()).contains("starts from search " + earlier);
    ApiServerTest.stop(); // mid-run: it replays with the same earlier results
    ApiServerTest.startIn(dir, ApiControlTest.Slow::new);
    assertThat(ApiServerTest.awaitOver(warm).get("state").asText()).isEqualTo("FINISHED");
    for (String task : List.of("score", "cycle")) {
      assertThat(firstOrigins(warm, task, 8)).as(task + "'s first population: the earlier search's results")
          .containsOnly("warm-predictor", "warm-transfer").contains("warm-predictor", "warm-transfer");
    }
    assertThat(firstOrigins(earlier, "score", 8)).doesNotContain("warm-predictor", "warm-transfer");
    for (String task : labelled) {
      assertThat(firstRoundRules(capture, earlier, task)).as("with nothing to vote with yet")
          .containsExactly("random (empty history)");
      assertThat(firstRoundRules(capture, warm, task))
          .as(task + " votes from its first round with the earlier search's labels, read back after a restart")
          .isNotEmpty().doesNotContain("random (empty history)");
    }

    String again = json(submit(warmFrom(guided(62, 40), earlier))).get("id").asText();
    assertThat(ApiServerTest.awaitOver(again).get("state").asText()).isEqualTo("FINISHED");
    assertThat(csv(again)).as("one worker, one seed, the same earlier results").isEqualTo(csv(warm));
    String cold = json(submit(guided(62, 40))).get("id").asText();
    ApiServerTest.awaitOver(cold);
    assertThat(csv(cold)).as("the earlier results change what it does").isNotEqualTo(csv(warm));

    assertThat(authed("DELETE", "/api/v1/searches/" + earlier, null).statusCode())
        .as("nothing that is not over starts from it any more").isEqualTo(204);
  }

  @Test
  void warmFromNamesFinishedSearchesOfThisServiceOnly() throws Exception {
    HttpResponse<String> unknown = submit(warmFrom(guided(63, 20), "no-such-search"));
    assertProblem(unknown, 400, "bad-spec");
    assertThat(json(unknown).get("field").asText()).isEqualTo("$.warm_from[0]");
    assertThat(json(unknown).get("value").asText()).isEqualTo("no-such-search");
    String running = json(submit(guided(64, 400))).get("id").asText();
    HttpResponse<String> notOver = submit(warmFrom(guided(63, 20), running));
    assertProblem(notOver, 400, "bad-spec");
    assertThat(json(notOver).get("detail").asText()).contains("a search starts only from finished ones");
    assertProblem(submit(warmFrom(guided(63, 20), running, running)), 400, "bad-spec");
    authed("POST", "/api/v1/searches/" + running + "/cancel", null);
  }
}
