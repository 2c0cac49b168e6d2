package io.mtnas.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/**
 * An error response as {@code application/problem+json} (RFC 9457): {@code type} (a {@code
 * urn:mtnas:problem:...} name, listed in docs/api.md), {@code title}, {@code status}, {@code
 * detail}, {@code instance} (the request path), and for a spec error {@code field} (the JSON path)
 * and {@code value} (what the body held there, absent when nothing). Never a stack trace.
 */
record Problem(StatusCode status, String type, String title, String detail, Optional<String> field,
    Optional<JsonNode> value, List<HttpHeader> headers) {

  static final ContentType PROBLEM_JSON =
      ContentTypes.create(MediaTypes.applicationWithFixedCharset("problem+json", HttpCharsets.UTF_8));
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static Problem of(StatusCode status, String type, String title, String detail) {
    return new Problem(status, type, title, detail, Optional.empty(), Optional.empty(), List.of());
  }

  static Problem notFound(String detail) {
    return of(StatusCodes.NOT_FOUND, "not-found", "Not found", detail);
  }

  static Problem conflict(String detail) {
    return of(StatusCodes.CONFLICT, "conflict", "Conflict with the search's state", detail);
  }

  static Problem badRequest(String type, String title, String detail) {
    return of(StatusCodes.BAD_REQUEST, type, title, detail);
  }

  Problem at(String jsonPath, Optional<JsonNode> found) {
    return new Problem(status, type, title, detail, Optional.of(jsonPath), found, headers);
  }

  Problem with(HttpHeader header) {
    List<HttpHeader> more = new java.util.ArrayList<>(headers);
    more.add(header);
    return new Problem(status, type, title, detail, field, value, more);
  }

  HttpResponse response(String instance) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("type", "urn:mtnas:problem:" + type);
    body.put("title", title);
    body.put("status", status.intValue());
    body.put("detail", detail);
    body.put("instance", instance);
    field.ifPresent(f -> body.put("field", f));
    value.ifPresent(v -> body.set("value", v));
    return HttpResponse.create()
        .withStatus(status)
        .withEntity(HttpEntities.create(PROBLEM_JSON, (body.toString() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .addHeaders(headers);
  }
}
