package io.mtnas.adapter.cli;

/** A command-line value that cannot be used; exits with {@link ExitCodes#BAD_INPUT}. */
public final class BadInputException extends RuntimeException {
  public BadInputException(String message) {
    super(message);
  }
}
