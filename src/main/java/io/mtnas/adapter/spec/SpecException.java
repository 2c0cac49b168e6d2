package io.mtnas.adapter.spec;

import java.util.Optional;

/**
 * A search spec that cannot run; the message names the file, the JSON path and the value. Where
 * the problem is at one value, {@link #path()} is its JSON path ({@code $.tasks[1].budget}) and
 * {@link #reason()} the message without file and path, so an API can report them as fields.
 */
public final class SpecException extends RuntimeException {
  private final String path;
  private final String reason;
  private final boolean malformed;

  public SpecException(String message) {
    this(message, null, message, false);
  }

  private SpecException(String message, String path, String reason, boolean malformed) {
    super(message);
    this.path = path;
    this.reason = reason;
    this.malformed = malformed;
  }

  /** A problem at one value: message {@code source: path: reason}. */
  static SpecException at(String source, String path, String reason) {
    return new SpecException(source + ": " + path + ": " + reason, path, reason, false);
  }

  /** The text is not JSON at all; {@code reason} says where parsing stopped. */
  static SpecException malformed(String source, String reason) {
    return new SpecException(source + ": " + reason, null, reason, true);
  }

  /** The JSON path of the offending value, when the problem is at one value. */
  public Optional<String> path() {
    return Optional.ofNullable(path);
  }

  /** The message without the source (and path) prefix. */
  public String reason() {
    return reason;
  }

  /** True when the text could not be parsed as JSON. */
  public boolean malformed() {
    return malformed;
  }
}
