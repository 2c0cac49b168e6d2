package io.mtnas.adapter.cli;

import io.mtnas.adapter.benchmark.BenchmarkDataException;
import io.mtnas.adapter.spec.SpecException;
import io.mtnas.domain.space.ArchitectureFormatException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mtnas} command line and its exit codes (see {@link ExitCodes}). */
@Command(
    name = "mtnas",
    description = "Multi-task neural architecture search.",
    mixinStandardHelpOptions = true,
    version = "mtnas 0.1.0",
    subcommands = {RunCommand.class, BenchCommand.class, ThroughputCommand.class, ServeCommand.class,
        WorkerNodeCommand.class})
public final class Cli {
  private Cli() {}

  /** The command line of every subcommand (tests parse arguments with it). */
  static CommandLine commandLine() {
    return new CommandLine(new Cli());
  }

  public static int execute(String... args) {
    return execute(null, null, args);
  }

  /**
   * Runs one command with its usage, error messages and warnings going to {@code out} and
   * {@code err} (null: stdout and stderr); what the commands themselves print still goes to
   * System.out and System.err.
   */
  static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cmd = commandLine();
    if (out != null) {
      cmd.setOut(out);
    }
    if (err != null) {
      cmd.setErr(err);
    }
    cmd.setExecutionExceptionHandler(Cli::handle);
    return cmd.execute(args);
  }

  private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    if (isBadInput(e)) {
      err.println("mtnas: " + e.getMessage());
      err.flush();
      return ExitCodes.BAD_INPUT;
    }
    err.println("mtnas: internal error: " + e);
    e.printStackTrace(err);
    err.flush();
    return ExitCodes.INTERNAL;
  }

  static boolean isBadInput(Throwable e) {
    return e instanceof SpecException
        || e instanceof BenchmarkDataException
        || e instanceof ArchitectureFormatException
        || e instanceof BadInputException;
  }
}
