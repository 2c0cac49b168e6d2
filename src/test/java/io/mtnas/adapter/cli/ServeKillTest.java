package io.mtnas.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mtnas serve} killed with SIGKILL at random moments while two searches run (one with one
 * worker, one with three), restarted on the same database each time. Nothing an API client saw
 * is lost, nothing is counted twice, and the one-worker search ends with the same evaluations.csv,
 * byte for byte, as {@code mtnas run} of its spec. Kills: system property {@code mtnas.kills}
 * (10 in CI; bin/kill-test runs 100). The database: embedded H2 under --data, or PostgreSQL when
 * {@code MTNAS_TEST_PG_URL} names a server ({@link ServePostgresKillTest}).
 */
class ServeKillTest {
  static final String TOKEN = "kill-test-token-0123456789abcdef";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BUDGET = 120;

  @TempDir Path work;

  @Test
  void aServiceKilledAtRandomMomentsLosesNothingAndCountsNothingTwice() throws Exception {
    killAndRestart(work, Map.of(), Integer.getInteger("mtnas.kills", 10), 20261207L);
  }

  /** A spec of three NB201 tasks with transfer rank between them, no thresholds, {@code BUDGET} each. */
  static String spec(String name, long seed, int workers) throws Exception {
    ObjectNode spec = (ObjectNode) JSON.readTree(Files.readString(Path.of("conf/searches/nb201-3task.json")));
    spec.put("name", name).put("seed", seed).put("workers", workers);
    ((ObjectNode) spec.get("strategy")).set("transfer", JSON.readTree("{\"mode\": \"rank\"}"));
    for (JsonNode t : spec.get("tasks")) {
      ((ObjectNode) t).remove("threshold");
      ((ObjectNode) t).put("budget", BUDGET);
    }
    return JSON.writeValueAsString(spec);
  }

  /** What one kill test measured, for the benchmark script. */
  record Outcome(int kills, int killedInRecovery, int lost, int countedTwice, int seenBeforeKills) {}

  static Outcome killAndRestart(Path work, Map<String, String> dbEnv, int kills, long seed) throws Exception {
    Path logs = Files.createDirectories(work.resolve("logs"));
    String single = spec("kill-single", 31, 1);
    String multi = spec("kill-multi", 32, 3);
    Files.writeString(work.resolve("single.json"), single);
    MtnasProcess.Result reference = MtnasProcess.run(work, "run", work.resolve("single.json").toString(),
        "--benchmarks", MtnasProcess.benchmarks().toString(), "--out", work.resolve("reference").toString());
    assertThat(reference.exitCode()).as(reference.stderr()).isZero();
    String expected = Files.readString(work.resolve("reference").resolve("evaluations.csv"));

    Map<String, String> env = new HashMap<>(dbEnv);
    env.put(ServeCommand.TOKEN_ENV, TOKEN);
    String[] args = {"--data", work.resolve("data").toString(), "--benchmarks", MtnasProcess.benchmarks().toString()};
    Random random = new Random(seed);
    Map<String, Set<String>> seen = new LinkedHashMap<>();
    List<String> ids = new ArrayList<>();
    int total = 3 * BUDGET;
    int killedInRecovery = 0;
    ServeProcess serve = ServeProcess.start(work, logs, TOKEN, env, args);
    // per restart: its stdout, and how many evaluations of each search a client had seen before it
    List<Path> restartLogs = new ArrayList<>();
    List<Map<String, Integer>> seenBeforeRestart = new ArrayList<>();
    try {
      serve.awaitListening();
      for (String spec : List.of(single, multi)) {
        HttpResponse<String> created = serve.post("/api/v1/searches", spec);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        ids.add(JSON.readTree(created.body()).get("id").asText());
      }
      for (int k = 1; k <= kills; k++) {
        if (k % 3 == 0) {
          // during recovery: the catalog, the journals, the replay
          Thread.sleep(random.nextInt(400));
          killedInRecovery++;
        } else {
          int target = (int) ((long) total * k / (kills + 1)) + random.nextInt(Math.max(1, total / (kills + 1)));
          awaitEvaluations(serve, ids.get(0), Math.min(target, total - 1));
          for (String id : ids) {
            seen.computeIfAbsent(id, x -> new HashSet<>()).addAll(rows(serve, id));
          }
        }
        serve.kill();
        Map<String, Integer> counts = new HashMap<>();
        seen.forEach((id, rows) -> counts.put(id, rows.size()));
        serve = ServeProcess.start(work, logs, TOKEN, env, args);
        restartLogs.add(serve.out);
        seenBeforeRestart.add(counts);
        serve.awaitListening();
      }
      for (String id : ids) {
        awaitFinished(serve, id);
      }
    } finally {
      serve.close();
    }
    String singleCsv = Files.readString(work.resolve("data").resolve(ids.get(0)).resolve("evaluations.csv"));
    assertThat(singleCsv).as("one worker, same seed: the same evaluations as the uninterrupted run").isEqualTo(expected);
    int lost = 0;
    int twice = 0;
    int seenRows = 0;
    for (String id : ids) {
      List<String> rows = Files.readAllLines(work.resolve("data").resolve(id).resolve("evaluations.csv"));
      List<String> body = rows.subList(1, rows.size());
      assertThat(body).as(id + ": every task used its whole budget").hasSize(total);
      Set<String> jobs = new HashSet<>();
      for (String row : body) {
        String[] cells = row.split(",", -1);
        if (!jobs.add(cells[0] + "#" + cells[1])) {
          twice++;
        }
      }
      Set<String> before = seen.getOrDefault(id, Set.of());
      seenRows += before.size();
      for (String row : before) {
        if (!body.contains(row)) {
          lost++;
        }
      }
    }
    int replays = 0;
    for (int r = 0; r < restartLogs.size(); r++) {
      String log = Files.readString(restartLogs.get(r));
      for (String id : ids) {
        Matcher m = Pattern.compile("\"event\":\"search_recovered\",\"search\":\"" + id
            + "\",\"seq\":\\d+,\"replayed\":(\\d+)").matcher(log);
        if (m.find()) {
          replays++;
          assertThat(Integer.parseInt(m.group(1)))
              .as("restart %d replays at least the %s evaluations a client saw of %s: none is evaluated again", r + 1,
                  seenBeforeRestart.get(r).getOrDefault(id, 0), id)
              .isGreaterThanOrEqualTo(seenBeforeRestart.get(r).getOrDefault(id, 0));
        }
      }
    }
    assertThat(replays).as("restarts that replayed stored outcomes").isGreaterThanOrEqualTo(kills - killedInRecovery);
    assertThat(lost).as("evaluations an API client saw before a kill and that are gone after").isZero();
    assertThat(twice).as("evaluations counted twice").isZero();
    assertThat(seenRows).as("the kills happened while evaluations were being reported").isPositive();
    return new Outcome(kills, killedInRecovery, lost, twice, seenRows);
  }

  private static List<String> rows(ServeProcess serve, String id) throws Exception {
    HttpResponse<String> r = serve.get("/api/v1/searches/" + id + "/evaluations", "text/csv");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<String> lines = r.body().lines().toList();
    return lines.isEmpty() ? List.of() : lines.subList(1, lines.size());
  }

  private static JsonNode state(ServeProcess serve, String id) throws Exception {
    HttpResponse<String> r = serve.get("/api/v1/searches/" + id, "application/json");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static int evaluations(JsonNode state) {
    int n = 0;
    for (JsonNode t : state.get("tasks")) {
      n += t.get("evaluations").asInt();
    }
    return n;
  }

  private static void awaitEvaluations(ServeProcess serve, String id, int atLeast) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      JsonNode s = state(serve, id);
      if (evaluations(s) >= atLeast || s.get("state").asText().equals("FINISHED")) {
        return;
      }
      Thread.sleep(5);
    }
    throw new AssertionError("search " + id + " did not reach " + atLeast + " evaluations: " + state(serve, id));
  }

  private static void awaitFinished(ServeProcess serve, String id) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    JsonNode s = null;
    while (System.nanoTime() < deadline) {
      s = state(serve, id);
      if (s.get("state").asText().equals("FINISHED")) {
        return;
      }
      assertThat(s.get("state").asText()).as(s.toString()).isIn("QUEUED", "RUNNING");
      Thread.sleep(50);
    }
    throw new AssertionError("search " + id + " did not finish: " + s);
  }
}
