package io.mtnas.adapter.cli;

import java.io.IOException;
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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One {@code mtnas serve} JVM for process tests: started, awaited, asked over HTTP, killed. */
final class ServeProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("mtnas serve: listening on (http://127\\.0\\.0\\.1:\\d+)");
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  final Process process;
  final Path out;
  final Path err;
  private final String token;
  private String base;

  private ServeProcess(Process process, Path out, Path err, String token) {
    this.process = process;
    this.out = out;
    this.err = err;
    this.token = token;
  }

  /** Starts {@code mtnas serve --port 0 --cluster-port 0 --management-port 0} with {@code args}; the output goes to {@code logs/serve-<n>.*}. */
  static ServeProcess start(Path work, Path logs, String token, Map<String, String> env, String... args)
      throws IOException {
    long n = System.nanoTime();
    Path out = logs.resolve("serve-" + n + ".out");
    Path err = logs.resolve("serve-" + n + ".err");
    List<String> all = new ArrayList<>(List.of("serve", "--port", "0", "--cluster-port", "0"));
    if (!List.of(args).contains("--management-port")) {
      all.addAll(List.of("--management-port", "0")); // tests may run beside another service
    }
    all.addAll(List.of(args));
    return new ServeProcess(MtnasProcess.start(work, out, err, env, all.toArray(String[]::new)), out, err, token);
  }

  /** The base URL, once it printed its listening line. */
  String awaitListening() throws Exception {
    base = awaitListening(process, out, err);
    return base;
  }

  static String awaitListening(Process p, Path out, Path err) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Matcher m = LISTENING.matcher(Files.readString(out));
      if (m.find()) {
        return m.group(1);
      }
      if (!p.isAlive()) {
        throw new AssertionError("mtnas serve exited " + p.exitValue() + ": " + Files.readString(err));
      }
      Thread.sleep(50);
    }
    throw new AssertionError("mtnas serve printed no listening line: " + Files.readString(err));
  }

  HttpResponse<String> get(String path, String accept) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token).header("Accept", accept).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String json) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** GET /api/v1/searches/{id}, which must answer 200. */
  com.fasterxml.jackson.databind.JsonNode state(String id) throws Exception {
    HttpResponse<String> r = get("/api/v1/searches/" + id, "application/json");
    org.assertj.core.api.Assertions.assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
  }

  /** Waits until the search is FINISHED; any state but QUEUED or RUNNING before that fails. */
  void awaitFinished(String id, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      var s = state(id);
      if (s.get("state").asText().equals("FINISHED")) {
        return;
      }
      org.assertj.core.api.Assertions.assertThat(s.get("state").asText()).as(s.toString())
          .isIn("QUEUED", "RUNNING");
      Thread.sleep(50);
    }
    throw new AssertionError("search " + id + " did not finish in " + seconds + " s: " + state(id));
  }

  /** SIGKILL: no shutdown hook, no flush, nothing. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("mtnas serve survived SIGKILL");
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
