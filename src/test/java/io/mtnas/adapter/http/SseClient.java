package io.mtnas.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A test client for server-sent events: reads a stream's frames until the server ends it. */
public final class SseClient {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One frame: its event name, id and data. */
  public record Frame(String event, String id, JsonNode data) {}

  private SseClient() {}

  /** GET {@code url} with the token and extra headers (name, value, ...); fails on a status other than 200. */
  public static List<Frame> follow(String url, String token, Duration timeout, String... headers) throws Exception {
    return follow(url, token, timeout, frames -> false, headers);
  }

  /** As above, but hangs up as soon as {@code enough} holds for the frames so far (a stream that never ends). */
  public static List<Frame> follow(String url, String token, Duration timeout,
      java.util.function.Predicate<List<Frame>> enough, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
        .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream");
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    HttpResponse<Stream<String>> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofLines());
    if (r.statusCode() != 200 || !r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
      throw new AssertionError("GET " + url + ": " + r.statusCode() + " " + r.headers().firstValue("Content-Type"));
    }
    List<Frame> frames = new ArrayList<>();
    String event = null;
    String id = null;
    StringBuilder data = new StringBuilder();
    try (Stream<String> lines = r.body()) {
      for (String line : (Iterable<String>) lines::iterator) {
        if (line.isEmpty()) {
          if (data.length() > 0) {
            frames.add(new Frame(event, id, JSON.readTree(data.toString())));
            if (enough.test(frames)) {
              return frames;
            }
          }
          event = null;
          id = null;
          data.setLength(0);
        } else if (line.startsWith("event:")) {
          event = line.substring(6).strip();
        } else if (line.startsWith("id:")) {
          id = line.substring(3).strip();
        } else if (line.startsWith("data:")) {
          data.append(line.substring(5).strip());
        }
      }
    }
    return frames;
  }
}
