package io.mtnas;

import io.mtnas.adapter.cli.Cli;

/** Entry point: {@code mtnas run | bench ...}; see {@code mtnas --help}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(Cli.execute(args));
  }
}
