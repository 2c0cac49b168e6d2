package io.mtnas.adapter.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code mtnas} as a separate JVM on the test class path, the way a user runs it: real exit
 * code, real stdout and stderr, real files. The benchmark directory comes from system property
 * {@code mtnas.benchmarks} (set by Surefire) and a missing one fails the test.
 */
public final class MtnasProcess {
  public record Result(int exitCode, String stdout, String stderr) {}

  private MtnasProcess() {}

  static Path benchmarks() {
    String dir = System.getProperty("mtnas.benchmarks");
    if (dir == null || !Files.isRegularFile(Path.of(dir, "nb201.csv"))) {
      fail("real benchmark tables not found: system property mtnas.benchmarks=" + dir);
    }
    return Path.of(dir);
  }

  /**
   * {@code mtnas run} on a copy of {@code spec} changed by {@code edit}, written to {@code workDir/name},
   * on the real tables, from {@code workDir}.
   */
  static Result runEdited(Path workDir, Path spec, String name, java.util.function.UnaryOperator<String> edit,
      String... extraArgs) throws IOException, InterruptedException {
    Path edited = workDir.resolve(name);
    Files.writeString(edited, edit.apply(Files.readString(spec)));
    List<String> args = new ArrayList<>(List.of("run", edited.toString(), "--benchmarks", benchmarks().toString()));
    args.addAll(List.of(extraArgs));
    return run(workDir, args.toArray(String[]::new));
  }

  public static Result run(Path workDir, String... args) throws IOException, InterruptedException {
    // Captured outside workDir: a run from the repository must leave nothing behind there.
    Path capture = Files.createTempDirectory("mtnas-process");
    Path out = capture.resolve("stdout.txt");
    Path err = capture.resolve("stderr.txt");
    try {
      Process p = start(workDir, out, err, args);
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("mtnas " + String.join(" ", args) + " did not finish in 120 s");
      }
      return new Result(
          p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
      Files.deleteIfExists(capture);
    }
  }

  /** Starts mtnas without waiting; stdout and stderr go to the given files. */
  public static Process start(Path workDir, Path stdout, Path stderr, String... args) throws IOException {
    return start(workDir, stdout, stderr, java.util.Map.of(), args);
  }

  /** {@link #start(Path, Path, Path, String...)} with environment changes: a null value removes the variable. */
  public static Process start(Path workDir, Path stdout, Path stderr, java.util.Map<String, String> env,
      String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.mtnas.Main");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    env.forEach((k, v) -> {
      if (v == null) {
        builder.environment().remove(k);
      } else {
        builder.environment().put(k, v);
      }
    });
    return builder
        .directory(workDir.toFile())
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile())
        .start();
  }
}
