package io.mtnas.adapter.http;

import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.http.ParsingErrorHandler;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.scaladsl.model.ErrorInfo;
import org.apache.pekko.http.scaladsl.model.StatusCode;
import org.apache.pekko.http.scaladsl.settings.ServerSettings;

/**
 * Requests broken on the wire (a bad percent-encoding, a Content-Length that is not a number, a URI
 * over the limit) are answered by Pekko before any route sees them; this makes that answer a
 * problem+json like every other error (pekko.http.server.parsing.error-handler).
 */
public final class ProblemParsingErrorHandler extends ParsingErrorHandler {
  @Override
  public HttpResponse handle(StatusCode status, ErrorInfo info, LoggingAdapter log, ServerSettings settings) {
    log.debug("unparsable request: {}", info.formatPretty());
    String type = switch (status.intValue()) {
      case 413 -> "body-too-large";
      case 414 -> "uri-too-long";
      case 431 -> "headers-too-large";
      default -> "malformed-request";
    };
    // the summary names the rule broken, never the request's content (it may hold a token)
    return Problem.of(status, type, status.reason(), "the request could not be parsed: " + info.summary())
        .response("");
  }
}
