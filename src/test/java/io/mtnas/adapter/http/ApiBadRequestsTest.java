package io.mtnas.adapter.http;

import static io.mtnas.adapter.http.ApiServerTest.CLIENT;
import static io.mtnas.adapter.http.ApiServerTest.JSON;
import static io.mtnas.adapter.http.ApiServerTest.TOKEN;
import static io.mtnas.adapter.http.ApiServerTest.authed;
import static io.mtnas.adapter.http.ApiServerTest.json;
import static io.mtnas.adapter.http.ApiServerTest.send;
import static io.mtnas.adapter.http.ApiServerTest.spec;
import static io.mtnas.adapter.http.ApiServerTest.submit;
import static io.mtnas.adapter.http.ApiServerTest.timeless;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtnas.adapter.spec.SpecException;
import io.mtnas.adapter.spec.SpecReader;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input through the API (service issue, acceptance criterion "bad input"): each bad request in
 * {@link #cases()} gets its status and an {@code application/problem+json} body naming what was
 * wrong (for a spec error the JSON path, the value and the message {@code mtnas run} gives), never
 * a stack trace. All of them are fired while a real search runs beside them; afterwards the service
 * still answers and that search ends exactly as the same spec and seed does when run alone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiBadRequestsTest {
  /** The search the bad requests run beside: long enough to still run when they are done. */
  static final long BACKGROUND_SEED = 41;
  static final int BACKGROUND_BUDGET = 4_000;
  static final String BACKGROUND_KEY = "bad-requests-background";
  static final String SEARCHES = "/api/v1/searches";

  /** Stack frames, exception names and Java class names have no place in a problem body. */
  static final Pattern LEAK = Pattern.compile(
      "Exception|\\tat |\\b(?:java|javax|jdk|scala|com|org|io)\\.[a-z]+\\.[a-zA-Z]");
  /** {@link Case#value}: the problem must have no {@code value} member (a missing key). */
  static final String NO_VALUE = "<absent>";

  @TempDir static Path dir;
  /** Search ids by the placeholder the cases' paths use: {running}, {long}, {finished}, {cancelled}. */
  static final Map<String, String> IDS = new HashMap<>();

  @BeforeAll
  static void start() throws Exception {
    ApiServerTest.startIn(dir);
    IDS.put("running", created(submit(background(), "Idempotency-Key", BACKGROUND_KEY)));
    // the whole table and no threshold: still running when the 409 cases hit it; cancelled at the end
    IDS.put("long", created(submit(endless(42))));
    String finished = created(submit(spec(43, 5)));
    assertThat(awaitEnd(finished).get("state").asText()).isEqualTo("FINISHED");
    IDS.put("finished", finished);
    String cancelled = created(submit(endless(44)));
    assertThat(authed("POST", SEARCHES + "/" + cancelled + "/cancel", null).statusCode()).isEqualTo(200);
    IDS.put("cancelled", cancelled);
  }

  @AfterAll
  static void stop() {
    ApiServerTest.stop();
  }

  // --- the table ---

  static Stream<Case> cases() {
    String good = spec(1, 10).toString();
    String array = "[" + good + "]";
    String big = "{\"name\": \"" + "x".repeat(70 * 1024) + "\"}"; // the tests' limit is 64 KiB
    return Stream.of(
        // spec errors: the path and value SpecReader names, with the message `mtnas run` prints
        bad("spec: missing name", post(specWith(s -> s.remove("name")))).is(400, "bad-spec").at("$.name", NO_VALUE),
        bad("spec: seed is a string", post(specWith(s -> s.put("seed", "abc")))).is(400, "bad-spec")
            .at("$.seed", "\"abc\""),
        bad("spec: seed is a fraction", post(specWith(s -> s.put("seed", 1.5)))).is(400, "bad-spec")
            .at("$.seed", "1.5"),
        bad("spec: seed beyond 64 bits", post(specWith(s -> s.put("seed",
            new java.math.BigInteger("100000000000000000000000"))))).is(400, "bad-spec")
            .at("$.seed", "100000000000000000000000"),
        bad("spec: budget zero", post(specWith(s -> task(s, 1).put("budget", 0)))).is(400, "bad-spec")
            .at("$.tasks[1].budget", "0"),
        bad("spec: budget negative", post(specWith(s -> task(s, 0).put("budget", -1)))).is(400, "bad-spec")
            .at("$.tasks[0].budget", "-1"),
        bad("spec: budget above the table", post(specWith(s -> task(s, 0).put("budget", 15_626))))
            .is(400, "bad-spec").at("$.tasks[0].budget", "15626"),
        bad("spec: budget is a string", post(specWith(s -> task(s, 0).put("budget", "10")))).is(400, "bad-spec")
            .at("$.tasks[0].budget", "\"10\""),
        bad("spec: budget missing", post(specWith(s -> task(s, 0).remove("budget")))).is(400, "bad-spec")
            .at("$.tasks[0].budget", NO_VALUE),
        bad("spec: unknown strategy kind", post(specWith(s -> ((ObjectNode) s.get("strategy")).put("kind", "bogus"))))
            .is(400, "bad-spec").at("$.strategy.kind", "\"bogus\""),
        bad("spec: strategy missing", post(specWith(s -> s.remove("strategy")))).is(400, "bad-spec")
            .at("$.strategy", NO_VALUE),
        bad("spec: unknown benchmark", post(specWith(s -> task(s, 0).put("benchmark", "nb999")))).is(400, "bad-spec")
            .at("$.tasks[0].benchmark", "\"nb999\""),
        bad("spec: unknown fitness column", post(specWith(s -> task(s, 0).put("fitness", "no_such_column"))))
            .is(400, "bad-spec").at("$.tasks[0].fitness", "\"no_such_column\""),
        bad("spec: duplicate task names", post(specWith(s -> task(s, 1).put("name", "score")))).is(400, "bad-spec")
            .at("$.tasks[1].name", "\"score\"").says("appears twice"),
        bad("spec: unknown key", post(specWith(s -> s.put("colour", "blue")))).is(400, "bad-spec")
            .at("$.colour", "\"blue\"").says("unknown key"),
        bad("spec: workers zero", post(specWith(s -> s.put("workers", 0)))).is(400, "bad-spec").at("$.workers", "0"),
        bad("spec: workers above 256", post(specWith(s -> s.put("workers", 257)))).is(400, "bad-spec")
            .at("$.workers", "257"),
        bad("spec: workers is a string", post(specWith(s -> s.put("workers", "2")))).is(400, "bad-spec")
            .at("$.workers", "\"2\""),
        bad("spec: unknown direction", post(specWith(s -> task(s, 0).put("direction", "up")))).is(400, "bad-spec")
            .at("$.tasks[0].direction", "\"up\""),
        bad("spec: threshold never reached", post(specWith(s -> task(s, 0).put("threshold", 1000.0))))
            .is(400, "bad-spec").at("$.tasks[0].threshold", "1000.0").says("never reached"),
        bad("spec: no tasks", post(specWith(s -> s.putArray("tasks")))).is(400, "bad-spec").at("$.tasks", "[]"),
        bad("spec: name escapes the data folder", post(specWith(s -> s.put("name", "../etc")))).is(400, "bad-spec")
            .at("$.name", "\"../etc\""),
        bad("spec: empty body", post("")).is(400, "bad-spec").at("$", NO_VALUE),
        bad("spec: an array, not an object", post(array)).is(400, "bad-spec").at("$", array),

        // not JSON at all: the detail says where it broke, as `mtnas run` does
        bad("json: duplicate key", post(good.replaceFirst("\\{", "{\"seed\": 5, "))).is(400, "malformed-json")
            .says("Duplicate field 'seed'"),
        bad("json: truncated", post(good.substring(0, good.length() / 2))).is(400, "malformed-json")
            .says("line 1, column"),
        bad("json: single quotes", post("{'name': 'x'}")).is(400, "malformed-json").says("line 1, column 2"),
        bad("json: a second value after the spec", post(good + " {}")).is(400, "malformed-json")
            .says("line 1, column"),
        bad("json: body not UTF-8", api("POST", SEARCHES).body("application/json",
            specWith(s -> s.put("description", "caf\u00e9")).getBytes(StandardCharsets.ISO_8859_1)))
            .is(400, "malformed-json").says("UTF-8"),

        // wrong content type
        bad("content type: text/plain", api("POST", SEARCHES).body("text/plain", bytes(good)))
            .is(415, "unsupported-media-type").at("Content-Type", null).says("got text/plain"),
        bad("content type: none", api("POST", SEARCHES).body(null, bytes(good)))
            .is(415, "unsupported-media-type").at("Content-Type", null).says("got application/octet-stream"),
        bad("content type: application/xml", api("POST", SEARCHES).body("application/xml", bytes(good)))
            .is(415, "unsupported-media-type").at("Content-Type", null).says("got application/xml"),

        // oversized body, declared and streamed
        bad("body too large, Content-Length", post(big)).is(413, "body-too-large").says("65536"),
        bad("body too large, chunked", post(big).streamed()).is(413, "body-too-large").says("65536"),

        // token: the running search must not be cancelled or deleted by a request without the right one
        bad("token: missing", api("GET", SEARCHES).noToken()).is(401, "unauthorized").says("Authorization")
            .header("WWW-Authenticate", "Bearer realm=\"mtnas\""),
        bad("token: wrong, on cancel", api("POST", SEARCHES + "/{running}/cancel").token("Bearer " + TOKEN + "x"))
            .is(401, "unauthorized").header("WWW-Authenticate", "Bearer realm=\"mtnas\""),
        bad("token: missing, on delete", api("DELETE", SEARCHES + "/{running}").noToken())
            .is(401, "unauthorized").header("WWW-Authenticate", "Bearer realm=\"mtnas\""),
        bad("token: Basic scheme", api("GET", SEARCHES).token("Basic dXNlcjpwYXNz")).is(401, "unauthorized")
            .header("WWW-Authenticate", "Bearer realm=\"mtnas\""),
        bad("token: Bearer without a token", api("GET", SEARCHES).token("Bearer")).is(401, "unauthorized")
            .header("WWW-Authenticate", "Bearer realm=\"mtnas\""),
        bad("token: no scheme, on submit", post(good).token(TOKEN)).is(401, "unauthorized")
            .header("WWW-Authenticate", "Bearer realm=\"mtnas\""),

        // unknown search id
        bad("unknown id: GET", api("GET", SEARCHES + "/no-such-id")).is(404, "not-found").says("no-such-id"),
        bad("unknown id: report", api("GET", SEARCHES + "/no-such-id/report")).is(404, "not-found").says("no-such-id"),
        bad("unknown id: evaluations", api("GET", SEARCHES + "/no-such-id/evaluations")).is(404, "not-found")
            .says("no-such-id"),
        bad("unknown id: events", api("GET", SEARCHES + "/no-such-id/events")).is(404, "not-found")
            .says("no-such-id"),
        bad("unknown id: cancel", api("POST", SEARCHES + "/no-such-id/cancel")).is(404, "not-found")
            .says("no-such-id"),
        bad("unknown id: delete", api("DELETE", SEARCHES + "/no-such-id")).is(404, "not-found").says("no-such-id"),

        // bad query parameters and resume headers, on the running search
        bad("parameter: state unknown", api("GET", SEARCHES + "?state=sleeping")).is(400, "bad-parameter")
            .at("state", "\"sleeping\""),
        bad("parameter: state empty", api("GET", SEARCHES + "?state=")).is(400, "bad-parameter").at("state", "\"\""),
        bad("parameter: after_seq negative", api("GET", SEARCHES + "/{running}/evaluations?after_seq=-1"))
            .is(400, "bad-parameter").at("after_seq", "\"-1\""),
        bad("parameter: after_seq not a number", api("GET", SEARCHES + "/{running}/evaluations?after_seq=ten"))
            .is(400, "bad-parameter").at("after_seq", "\"ten\""),
        bad("parameter: from_seq zero", api("GET", SEARCHES + "/{running}/events?from_seq=0"))
            .is(400, "bad-parameter").at("from_seq", "\"0\""),
        bad("parameter: from_seq not a number", api("GET", SEARCHES + "/{running}/events?from_seq=x"))
            .is(400, "bad-parameter").at("from_seq", "\"x\""),
        bad("header: Last-Event-ID not a number", api("GET", SEARCHES + "/{running}/events")
            .header("Last-Event-ID", "abc")).is(400, "bad-parameter").at("Last-Event-ID", "\"abc\""),
        bad("header: Last-Event-ID negative", api("GET", SEARCHES + "/{running}/events")
            .header("Last-Event-ID", "-1")).is(400, "bad-parameter").at("Last-Event-ID", "\"-1\""),

        // a known path with another method, an unknown path
        bad("method: PUT on searches", api("PUT", SEARCHES).body("application/json", bytes("{}")))
            .is(405, "method-not-allowed").header("Allow", "GET, POST"),
        bad("method: PUT on the running search", api("PUT", SEARCHES + "/{running}")
            .body("application/json", bytes("{}"))).is(405, "method-not-allowed")
            .header("Allow", "GET, PATCH, DELETE"),

        // budget changes and pause / resume
        bad("budgets: no If-Match", api("PATCH", SEARCHES + "/{running}")
            .body("application/json", bytes("{\"budgets\": {\"score\": 10}}")))
            .is(428, "precondition-required").at("If-Match", null),
        bad("budgets: stale revision", api("PATCH", SEARCHES + "/{running}").header("If-Match", "\"0\"")
            .body("application/json", bytes("{\"budgets\": {\"score\": 10}}")))
            .is(409, "conflict").at("If-Match", "\"\\\"0\\\"\"").says("stale"),
        bad("budgets: If-Match not a revision", api("PATCH", SEARCHES + "/{running}").header("If-Match", "*")
            .body("application/json", bytes("{\"budgets\": {\"score\": 10}}")))
            .is(400, "bad-header").at("If-Match", "\"*\""),
        bad("budgets: unknown task", api("PATCH", SEARCHES + "/{running}").header("If-Match", "\"0\"")
            .body("application/json", bytes("{\"budgets\": {\"nope\": 10}}")))
            .is(400, "bad-budget").at("$.budgets.nope", "10"),
        bad("budgets: budget not an integer", api("PATCH", SEARCHES + "/{running}").header("If-Match", "\"0\"")
            .body("application/json", bytes("{\"budgets\": {\"score\": 1.5}}")))
            .is(400, "bad-budget").at("$.budgets.score", "1.5"),
        bad("budgets: sent as text/plain", api("PATCH", SEARCHES + "/{running}").header("If-Match", "\"0\"")
            .body("text/plain", bytes("{}"))).is(415, "unsupported-media-type").at("Content-Type", null),
        // a task joining
        bad("task: budget 0", api("POST", SEARCHES + "/{running}/tasks").body("application/json",
            bytes("{\"name\": \"late\", \"benchmark\": \"nb201\", \"fitness\": \"cycle\", \"direction\": \"max\","
                + " \"budget\": 0}"))).is(400, "bad-spec").at("$.budget", "0"),
        bad("task: a name the search has", api("POST", SEARCHES + "/{running}/tasks").body("application/json",
            bytes("{\"name\": \"score\", \"benchmark\": \"nb201\", \"fitness\": \"cycle\", \"direction\": \"max\","
                + " \"budget\": 5}"))).is(400, "bad-spec").at("$.name", "\"score\"").says("already has a task"),
        bad("task: unknown join_start", api("POST", SEARCHES + "/{running}/tasks").body("application/json",
            bytes("{\"name\": \"late\", \"benchmark\": \"nb201\", \"fitness\": \"cycle\", \"direction\": \"max\","
                + " \"budget\": 5, \"join_start\": \"warm\"}"))).is(400, "bad-spec").at("$.join_start", "\"warm\""),
        bad("task: an array", api("POST", SEARCHES + "/{running}/tasks").body("application/json", bytes("[]")))
            .is(400, "bad-spec").at("$", "[]"),
        bad("task: to a finished search", api("POST", SEARCHES + "/{finished}/tasks").body("application/json",
            bytes("{\"name\": \"late\", \"benchmark\": \"nb201\", \"fitness\": \"cycle\", \"direction\": \"max\","
                + " \"budget\": 5}"))).is(409, "conflict").says("FINISHED"),
        bad("task: GET", api("GET", SEARCHES + "/{running}/tasks")).is(405, "method-not-allowed").header("Allow", "POST"),
        bad("state: pause of a finished search", api("POST", SEARCHES + "/{finished}/pause"))
            .is(409, "conflict").says("FINISHED"),
        bad("state: resume of a running search", api("POST", SEARCHES + "/{running}/resume"))
            .is(409, "conflict").says("RUNNING"),
        bad("method: GET on cancel", api("GET", SEARCHES + "/{running}/cancel")).is(405, "method-not-allowed")
            .header("Allow", "POST"),
        bad("method: POST on healthz", api("POST", "/healthz").noToken()).is(405, "method-not-allowed")
            .header("Allow", "GET"),
        bad("path: unknown route", api("GET", "/api/v1/nodes")).is(404, "not-found").says("/api/v1/nodes"),
        bad("path: unknown API version", api("GET", "/api/v2/searches").noToken()).is(404, "not-found")
            .says("/api/v2/searches"),

        // Idempotency-Key
        bad("Idempotency-Key: 201 characters", post(good).header("Idempotency-Key", "k".repeat(201)))
            .is(400, "bad-header").at("Idempotency-Key", null).says("1 to 200"),
        bad("Idempotency-Key: blank", post(good).header("Idempotency-Key", "   "))
            .is(400, "bad-header").at("Idempotency-Key", null),
        bad("Idempotency-Key: reused with another spec", post(spec(BACKGROUND_SEED + 1, BACKGROUND_BUDGET).toString())
            .header("Idempotency-Key", BACKGROUND_KEY)).is(422, "idempotency-key-reused").at("Idempotency-Key", null)
            .says("{running}"),

        // the search's state forbids it
        bad("state: report of a running search", api("GET", SEARCHES + "/{long}/report")).is(409, "conflict")
            .says("RUNNING"),
        bad("state: delete of a running search", api("DELETE", SEARCHES + "/{long}")).is(409, "conflict")
            .says("RUNNING"),
        bad("state: cancel of a finished search", api("POST", SEARCHES + "/{finished}/cancel")).is(409, "conflict")
            .says("FINISHED"),
        bad("state: cancel of a cancelled search", api("POST", SEARCHES + "/{cancelled}/cancel"))
            .is(409, "conflict").says("CANCELLED"),
        bad("state: report of a cancelled search", api("GET", SEARCHES + "/{cancelled}/report"))
            .is(409, "conflict").says("CANCELLED"),

        // requests broken on the wire: Pekko answers them before the routes (ProblemParsingErrorHandler)
        bad("wire: bad percent-encoding in the query", wire("GET " + SEARCHES + "?state=%ZZ HTTP/1.1", "", ""))
            .is(400, "malformed-request"),
        bad("wire: Content-Length not a number", wire("POST " + SEARCHES + " HTTP/1.1",
            "Content-Type: application/json\r\nContent-Length: abc\r\n", "{}")).is(400, "malformed-request"),
        bad("wire: malformed chunk size", wire("POST " + SEARCHES + " HTTP/1.1",
            "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n", "ZZ\r\n{}\r\n0\r\n\r\n"))
            .is(400, "malformed-request"),
        bad("wire: URI too long", wire("GET " + SEARCHES + "/" + "a".repeat(5000) + " HTTP/1.1", "", ""))
            .is(414, "uri-too-long"));
  }

  @Test
  @Order(1)
  void theTableHoldsAtLeastThirtyDistinctBadRequests() {
    List<Case> all = cases().toList();
    assertThat(all).extracting(Case::name).doesNotHaveDuplicates();
    assertThat(all).extracting(c -> c.request().signature()).doesNotHaveDuplicates();
    assertThat(all).hasSizeGreaterThanOrEqualTo(30);
  }

  @Order(2)
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aBadRequestGetsItsStatusAndAProblemNamingWhatIsWrong(Case c) throws Exception {
    Answer a = c.request().send();
    String detail = c.detail() == null ? null : resolve(c.detail());
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(a.status()).as("status; body: %s", a.body()).isEqualTo(c.status());
    soft.assertThat(a.header("Content-Type")).as("Content-Type").startsWith("application/problem+json");
    soft.assertThat(LEAK.matcher(a.body()).find()).as("no stack trace nor class name in %s", a.body()).isFalse();
    soft.assertThat(a.body()).as("the token is never echoed").doesNotContain(TOKEN);
    JsonNode p = parse(a.body());
    if (p == null || !p.isObject()) {
      soft.fail("the body is not a JSON object: %s", a.body());
      assertAll(c, soft);
      return;
    }
    if (c.type() != null) {
      soft.assertThat(p.path("type").asText()).as("type").isEqualTo("urn:mtnas:problem:" + c.type());
    } else {
      soft.assertThat(p.path("type").asText()).as("type").startsWith("urn:mtnas:problem:");
    }
    soft.assertThat(p.path("status").asInt()).as("status member").isEqualTo(c.status());
    soft.assertThat(p.path("title").asText()).as("title").isNotBlank();
    soft.assertThat(p.path("detail").asText()).as("detail").isNotBlank();
    if (!c.request().isWire()) {
      soft.assertThat(p.path("instance").asText()).as("instance").isEqualTo(c.request().resolvedPath().split("\\?")[0]);
    }
    if (c.field() != null) {
      soft.assertThat(p.path("field").asText(null)).as("field").isEqualTo(c.field());
    }
    if (NO_VALUE.equals(c.value())) {
      soft.assertThat(p.has("value")).as("no value for a missing key, got %s", p.get("value")).isFalse();
    } else if (c.value() != null) {
      soft.assertThat(p.get("value")).as("value").isEqualTo(JSON.readTree(c.value()));
    }
    if (detail != null) {
      soft.assertThat(p.path("detail").asText()).as("detail").contains(detail);
    }
    if ("bad-spec".equals(c.type()) && !c.request().signature().contains("/tasks")) {
      // the same path, value and reason as `mtnas run` on a file holding this body (a task's body
      // is read against its search: ApiJoinTest and SpecJoinTest check those messages)
      soft.assertThat(p.path("detail").asText()).as("detail as SpecReader says it")
          .isEqualTo(specMessage(new String(c.request().body(), StandardCharsets.UTF_8)));
    }
    c.headers().forEach((name, value) -> soft.assertThat(a.header(name)).as(name).isEqualTo(value));
    assertAll(c, soft);
  }

  /** Every failed check of the case at once, under its name (surefire's reports show only its index). */
  private static void assertAll(Case c, SoftAssertions soft) {
    try {
      soft.assertAll();
    } catch (AssertionError e) {
      throw new AssertionError(c.name() + ": " + e.getMessage(), e);
    }
  }

  @Test
  @Order(3)
  void theServiceKeepsRunningAndTheSearchBesideTheBadRequestsEndsAsItDoesAlone() throws Exception {
    assertThat(send("GET", "/healthz", null, b -> {}).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/readyz", null, b -> {}).statusCode()).isEqualTo(200);
    String running = IDS.get("running");
    assertThat(json(authed("GET", SEARCHES + "/" + running, null)).get("state").asText())
        .as("the bad requests ran beside a running search (raise BACKGROUND_BUDGET if it ended first)")
        .isEqualTo("RUNNING");
    HttpResponse<String> cancel = authed("POST", SEARCHES + "/" + IDS.get("long") + "/cancel", null);
    assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);

    JsonNode end = awaitEnd(running);
    assertThat(end.get("state").asText()).as("not cancelled nor failed by a bad request").isEqualTo("FINISHED");
    String alone = created(submit(background()));
    assertThat(awaitEnd(alone).get("state").asText()).isEqualTo("FINISHED");

    JsonNode beside = json(authed("GET", SEARCHES + "/" + running + "/report", null));
    assertThat(beside.get("total_evaluations").asInt()).isEqualTo(2 * BACKGROUND_BUDGET);
    assertThat(timeless(beside)).isEqualTo(timeless(json(authed("GET", SEARCHES + "/" + alone + "/report", null))));
    assertThat(csv(running)).isEqualTo(csv(alone));
  }

  // --- searches ---

  /** The background search: one worker (deterministic), no thresholds so it runs its whole budget. */
  static ObjectNode background() {
    ObjectNode s = spec(BACKGROUND_SEED, BACKGROUND_BUDGET);
    s.get("tasks").forEach(t -> ((ObjectNode) t).remove("threshold"));
    return s;
  }

  static ObjectNode endless(long seed) {
    ObjectNode s = spec(seed, 15_625);
    s.get("tasks").forEach(t -> ((ObjectNode) t).remove("threshold"));
    return s;
  }

  static String created(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return json(r).get("id").asText();
  }

  static JsonNode awaitEnd(String id) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode s = json(authed("GET", SEARCHES + "/" + id, null));
      if (!List.of("QUEUED", "RUNNING").contains(s.get("state").asText())) {
        return s;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("search " + id + " did not end in 5 minutes");
  }

  static String csv(String id) throws Exception {
    return authed("GET", SEARCHES + "/" + id + "/evaluations", null, "Accept", "text/csv").body();
  }

  static String specWith(Consumer<ObjectNode> edit) {
    ObjectNode s = spec(1, 10);
    edit.accept(s);
    return s.toString();
  }

  static ObjectNode task(ObjectNode spec, int i) {
    return (ObjectNode) spec.get("tasks").get(i);
  }

  /** What `mtnas run` says about a spec file holding {@code text}, the file named "request body". */
  static String specMessage(String text) {
    try {
      new SpecReader().parse("request body", text, ApiServerTest.tables);
    } catch (SpecException e) {
      return e.getMessage();
    }
    return "(SpecReader accepts this body)";
  }

  static String resolve(String text) {
    for (Map.Entry<String, String> e : IDS.entrySet()) {
      text = text.replace("{" + e.getKey() + "}", e.getValue());
    }
    return text;
  }

  static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  // --- cases and requests ---

  /**
   * A bad request and what must come back.
   *
   * @param type the problem type after {@code urn:mtnas:problem:}; null: any
   * @param field the problem's {@code field}; null: not checked (the request as a whole is wrong)
   * @param value the JSON of the problem's {@code value}; {@link #NO_VALUE}: none; null: not checked
   * @param detail text the detail must hold ({placeholders} are search ids); null: none
   * @param headers response headers and their values
   */
  record Case(String name, Req request, int status, String type, String field, String value, String detail,
      Map<String, String> headers) {
    Case is(int status, String type) {
      return new Case(name, request, status, type, field, value, detail, headers);
    }

    Case at(String field, String value) {
      return new Case(name, request, status, type, field, value, detail, headers);
    }

    Case says(String detail) {
      return new Case(name, request, status, type, field, value, detail, headers);
    }

    Case header(String header, String expected) {
      Map<String, String> more = new TreeMap<>(headers);
      more.put(header, expected);
      return new Case(name, request, status, type, field, value, detail, more);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Case bad(String name, Req request) {
    return new Case(name, request, 0, null, null, null, null, Map.of());
  }

  /**
   * A request: through java.net.http, or (wire) as raw bytes on a socket for what that client
   * refuses to send. Paths may hold {placeholders} for search ids.
   *
   * @param authorization the Authorization header; null: none
   */
  record Req(String method, String path, List<String> headers, byte[] body, String authorization, boolean chunked,
      String wire) {
    Req header(String name, String value) {
      List<String> more = new ArrayList<>(headers);
      more.add(name);
      more.add(value);
      return new Req(method, path, more, body, authorization, chunked, wire);
    }

    /** The body with its Content-Type (null: none sent). */
    Req body(String contentType, byte[] bytes) {
      Req r = new Req(method, path, headers, bytes, authorization, chunked, wire);
      return contentType == null ? r : r.header("Content-Type", contentType);
    }

    Req token(String authorizationHeader) {
      return new Req(method, path, headers, body, authorizationHeader, chunked, wire);
    }

    Req noToken() {
      return token(null);
    }

    /** Sent without Content-Length (the client streams it chunked). */
    Req streamed() {
      return new Req(method, path, headers, body, authorization, true, wire);
    }

    boolean isWire() {
      return wire != null;
    }

    String resolvedPath() {
      return resolve(path);
    }

    String signature() {
      return method + " " + path + " " + headers + " " + authorization + " " + chunked + " " + wire + " "
          + (body == null ? "-" : Arrays.hashCode(body));
    }

    Answer send() throws Exception {
      return isWire() ? sendRaw() : sendHttp();
    }

    private Answer sendHttp() throws Exception {
      HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
          : chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
          : HttpRequest.BodyPublishers.ofByteArray(body);
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(ApiServerTest.base + resolvedPath()))
          .timeout(Duration.ofSeconds(30)).method(method, publisher);
      if (authorization != null) {
        b.header("Authorization", authorization);
      }
      for (int i = 0; i < headers.size(); i += 2) {
        b.header(headers.get(i), resolve(headers.get(i + 1)));
      }
      HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
      Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      r.headers().map().forEach((k, v) -> h.put(k, String.join(", ", v)));
      return new Answer(r.statusCode(), h, r.body());
    }

    /** HTTP/1.1 by hand: the request line and headers as given, plus Host, the token and Connection: close. */
    private Answer sendRaw() throws IOException {
      String head = wire + "Host: 127.0.0.1\r\nAuthorization: " + authorization + "\r\nConnection: close\r\n\r\n";
      try (Socket socket = new Socket("127.0.0.1", ApiServerTest.server.address().getPort())) {
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().write(body);
        socket.getOutputStream().flush();
        InputStream in = new BufferedInputStream(socket.getInputStream());
        String status = line(in);
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String l = line(in); !l.isEmpty(); l = line(in)) {
          int colon = l.indexOf(':');
          h.put(l.substring(0, colon).strip(), l.substring(colon + 1).strip());
        }
        byte[] content = h.containsKey("Content-Length")
            ? in.readNBytes(Integer.parseInt(h.get("Content-Length"))) : in.readAllBytes();
        return new Answer(Integer.parseInt(status.split(" ")[1]), h, new String(content, StandardCharsets.UTF_8));
      }
    }

    private static String line(InputStream in) throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
        if (b != '\r') {
          out.write(b);
        }
      }
      return out.toString(StandardCharsets.ISO_8859_1);
    }
  }

  /** An authorised request without a body. */
  static Req api(String method, String path) {
    return new Req(method, path, List.of(), null, "Bearer " + TOKEN, false, null);
  }

  /** An authorised submit of {@code json} as application/json. */
  static Req post(String json) {
    return api("POST", SEARCHES).body("application/json", bytes(json));
  }

  /**
   * Raw HTTP: {@code requestLine}, {@code headers} (each ending in CRLF) and {@code body}; Host,
   * the right token and Connection: close are added.
   */
  static Req wire(String requestLine, String headers, String body) {
    return new Req(requestLine.split(" ")[0], requestLine.split(" ")[1], List.of(), bytes(body), "Bearer " + TOKEN,
        false, requestLine + "\r\n" + headers);
  }

  /** A response, whichever client got it; header names case-insensitive. */
  record Answer(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.getOrDefault(name, "");
    }
  }
}
