package io.mtnas.adapter.cli;

/** A command-line value that cannot be used; exits with {@link ExitCodes#BAD_INPUT}. */
public final class BadInputException extends RuntimeException {
  public BadInputException(String message) {
    super(message);
  }

  /** A TCP port flag's value: 0 (a free one) to 65535. */
  static void checkPort(String flag, int value) {
    if (value < 0 || value > 65_535) {
      throw new BadInputException(flag + " must be in 0..65535, got " + value);
    }
  }
}
