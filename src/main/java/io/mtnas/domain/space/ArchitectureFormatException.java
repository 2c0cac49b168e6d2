package io.mtnas.domain.space;

/** A malformed architecture string; the message quotes the input and says what is wrong. */
public final class ArchitectureFormatException extends IllegalArgumentException {
  private final String input;

  public ArchitectureFormatException(String spaceId, String input, String problem) {
    super(spaceId + " architecture " + quote(input) + ": " + problem);
    this.input = input;
  }

  /** The rejected input as given (may be null). */
  public String input() {
    return input;
  }

  private static String quote(String input) {
    return input == null ? "null" : "\"" + input + "\"";
  }
}
