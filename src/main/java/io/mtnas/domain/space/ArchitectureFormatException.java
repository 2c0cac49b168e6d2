package io.mtnas.domain.space;

/** A malformed architecture string; the message quotes the input and says what is wrong. */
public final class ArchitectureFormatException extends IllegalArgumentException {
  private final String input;

  public ArchitectureFormatException(String spaceId, String input, String problem) {
    super(spaceId + " architecture \"" + input + "\": " + problem);
    this.input = input;
  }

  public String input() {
    return input;
  }
}
