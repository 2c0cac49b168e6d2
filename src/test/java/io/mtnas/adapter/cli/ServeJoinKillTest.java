package io.mtnas.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * A task joins a running one-worker search on the real NB201 table, then {@code mtnas serve} is
 * killed with SIGKILL twice and restarted: every restart replays the join at the same place, nothing
 * is lost or counted twice, and the search ends with the evaluations.csv, byte for byte, of {@code
 * mtnas run} of the spec with the task scheduled there ({@code join_after}).
 */
class ServeJoinKillTest {
  private static final String TOKEN = "join-kill-token-0123456789abcdef";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BUDGET = 100;
  private static final int LATE_BUDGET = 80;

  @TempDir Path work;

  @Test
  void aJoinedTaskSurvivesKillsAndTheSearchEndsAsWithTheJoinScheduled() throws Exception {
    ObjectNode spec = (ObjectNode) JSON.readTree(Files.readString(Path.of("conf/searches/nb201-3task.json")));
    spec.put("name", "join-kill").put("seed", 41).put("workers", 1);
    ((ObjectNode) spec.get("strategy")).set("transfer", JSON.readTree("{\"mode\": \"rank\"}"));
    ArrayNode tasks = (ArrayNode) spec.get("tasks");
    tasks.forEach(t -> ((ObjectNode) t).remove("threshold"));
    tasks.forEach(t -> ((ObjectNode) t).put("budget", BUDGET));
    ObjectNode late = ((ObjectNode) tasks.remove(2)).put("budget", LATE_BUDGET);

    Path logs = Files.createDirectories(work.resolve("logs"));
    Map<String, String> env = Map.of(ServeCommand.TOKEN_ENV, TOKEN);
    String[] args = {"--data", work.resolve("data").toString(), "--benchmarks", MtnasProcess.benchmarks().toString()};
    String id;
    ServeProcess serve = ServeProcess.start(work, logs, TOKEN, env, args);
    try {
      serve.awaitListening();
      HttpResponse<String> created = serve.post("/api/v1/searches", spec.toString());
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      id = JSON.readTree(created.body()).get("id").asText();
      await(serve, id, "cifar100", 30);
      HttpResponse<String> joined = serve.post("/api/v1/searches/" + id + "/tasks", late.toString());
      assertThat(joined.statusCode()).as(joined.body()).isEqualTo(201);
      await(serve, id, late.get("name").asText(), 10);
      serve.kill();
      serve = ServeProcess.start(work, logs, TOKEN, env, args);
      serve.awaitListening();
      await(serve, id, late.get("name").asText(), 40);
      serve.kill();
      serve = ServeProcess.start(work, logs, TOKEN, env, args);
      serve.awaitListening();
      serve.awaitFinished(id, 180);
    } finally {
      serve.close();
    }

    Set<Long> places = new TreeSet<>();
    Pattern joinedAt = Pattern.compile("\"event\":\"task_joined\",\"search\":\"" + id
        + "\"[^\\n]*\"after_evaluations\":(\\d+)");
    try (var files = Files.list(logs)) {
      for (Path log : files.filter(p -> p.toString().endsWith(".out")).toList()) {
        Matcher m = joinedAt.matcher(Files.readString(log));
        while (m.find()) {
          places.add(Long.parseLong(m.group(1)));
        }
      }
    }
    assertThat(places).as("the live run and both restarts place the join alike").hasSize(1);
    long place = places.iterator().next();
    assertThat(place).isGreaterThanOrEqualTo(30);

    List<String> rows = Files.readAllLines(work.resolve("data").resolve(id).resolve("evaluations.csv"));
    assertThat(rows.subList(1, rows.size())).as("every task used its whole budget").hasSize(2 * BUDGET + LATE_BUDGET);
    Set<String> jobs = new HashSet<>();
    rows.subList(1, rows.size()).forEach(r -> assertThat(jobs.add(r.split(",", -1)[0] + "#" + r.split(",", -1)[1]))
        .as("counted once: " + r).isTrue());

    tasks.add(late.put("join_after", place));
    Files.writeString(work.resolve("scheduled.json"), spec.toString());
    MtnasProcess.Result reference = MtnasProcess.run(work, "run", work.resolve("scheduled.json").toString(),
        "--benchmarks", MtnasProcess.benchmarks().toString(), "--out", work.resolve("reference").toString());
    assertThat(reference.exitCode()).as(reference.stderr()).isZero();
    assertThat(String.join("\n", rows) + "\n").as("a live join, killed twice, is mtnas run with join_after")
        .isEqualTo(Files.readString(work.resolve("reference").resolve("evaluations.csv")));
  }

  private static void await(ServeProcess serve, String id, String task, int atLeast) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      JsonNode s = serve.state(id);
      for (JsonNode t : s.get("tasks")) {
        if (t.get("task").asText().equals(task) && t.get("evaluations").asInt() >= atLeast) {
          return;
        }
      }
      assertThat(s.get("state").asText()).as(s.toString()).isIn("QUEUED", "RUNNING");
      Thread.sleep(2);
    }
    throw new AssertionError("task " + task + " of " + id + " did not reach " + atLeast + ": " + serve.state(id));
  }

}
