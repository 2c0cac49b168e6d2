package io.mtnas.adapter.cli;

/** Process exit codes, a contract with scripts that call mtnas. */
public final class ExitCodes {
  /** The command did what it was asked. */
  public static final int OK = 0;
  /** Something went wrong inside mtnas (a bug, an I/O failure, a crashed actor). */
  public static final int INTERNAL = 1;
  /** The input was wrong: spec, flags, benchmark files, an architecture string. */
  public static final int BAD_INPUT = 2;

  private ExitCodes() {}
}
