package io.mtnas.adapter.http;

import io.mtnas.adapter.spec.SpecException;
import io.mtnas.adapter.spec.SpecReader;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/** A request body that must be JSON and at most {@code mtnas.serve.max-body-size} bytes. */
final class JsonBody {
  private JsonBody() {}

  /** 415 for another media type, 413 for a declared length over the limit; empty when it may be read. */
  static Optional<Problem> refused(HttpEntity entity, ApiSettings settings, String what) {
    if (!entity.getContentType().mediaType().equals(MediaTypes.APPLICATION_JSON)) {
      String got = entity.getContentType().mediaType().toString();
      return Optional.of(Problem.of(StatusCodes.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
          "Unsupported media type", what + " is sent as application/json, got " + got)
          .at("Content-Type", Optional.of(ApiJson.MAPPER.getNodeFactory().textNode(got))));
    }
    OptionalLong length = entity.getContentLengthOption();
    if (length.isPresent() && length.getAsLong() > settings.maxBodyBytes()) {
      return Optional.of(tooLarge(length.getAsLong(), settings));
    }
    return Optional.empty();
  }

  /**
   * The body as text, strictly UTF-8; fails with an EntityStreamSizeException past the limit (a
   * chunked body) and with {@link NotUtf8} for bytes that are not UTF-8.
   */
  static CompletionStage<String> text(HttpEntity entity, ApiSettings settings, ActorSystem<?> system) {
    return entity.withSizeLimit(settings.maxBodyBytes())
        .toStrict(settings.askTimeout().toMillis(), system)
        .thenApply(strict -> {
          try {
            return SpecReader.decodeUtf8("request body", strict.getData().toArray());
          } catch (SpecException e) {
            throw new NotUtf8(e.reason());
          }
        });
  }

  /** The body is not UTF-8 (the reason names the first bad byte and its offset). */
  static final class NotUtf8 extends RuntimeException {
    NotUtf8(String reason) {
      super(reason, null, false, false);
    }
  }

  static Problem tooLarge(long size, ApiSettings settings) {
    return Problem.of(StatusCodes.PAYLOAD_TOO_LARGE, "body-too-large", "Request body too large",
        "the body " + (size >= 0 ? "of " + size + " bytes " : "") + "exceeds the limit of " + settings.maxBodyBytes()
            + " bytes (mtnas.serve.max-body-size)");
  }
}
