package io.mtnas.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mtnas.domain.search.SearchSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input given to the command line, run in this JVM through {@link Cli#execute}: each exits
 * with {@link ExitCodes#BAD_INPUT} and one message on stderr that says what is wrong, never a stack
 * trace. No benchmark tables are needed: every case fails before a table is read.
 */
class CliBadInputTest {
  /** Reads without tables: its tasks train (nothing runs here, every case stops first). */
  private static final Path TRAINER_SPEC = Path.of("conf/searches/synthetic-trainer.json").toAbsolutePath();

  @TempDir Path work;

  record Result(int exitCode, String stderr) {}

  /** Runs mtnas with {@code args} and {@code --benchmarks} a directory that does not exist. */
  private Result mtnas(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--benchmarks", work.resolve("no-tables").toString()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cli.execute(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
    return new Result(code, err.toString());
  }

  /** Exit code 2, stderr exactly {@code lines}, and no trace of an exception. */
  private static void badInput(Result r, String... lines) {
    assertThat(r.stderr()).doesNotContain("Exception").doesNotContain("at io.mtnas").doesNotContain("\tat ");
    assertThat(r.stderr().lines()).containsExactly(lines);
    assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
  }

  // 1. a spec that is not UTF-8

  @Test
  void latin1SpecNamesFileOffsetAndUtf8() throws IOException {
    String text = Files.readString(TRAINER_SPEC).replace("\"patterns-a\"", "\"caf\u00e9\"");
    assertThat(text).isNotEqualTo(Files.readString(TRAINER_SPEC));
    Path spec = work.resolve("latin1.json");
    Files.write(spec, text.getBytes(StandardCharsets.ISO_8859_1));
    int offset = text.indexOf('\u00e9'); // the spec is otherwise ASCII: one byte per char
    long line = text.substring(0, offset).lines().count();
    badInput(mtnas("run", spec.toString()),
        "mtnas: " + spec + ": byte 0xE9 at byte offset " + offset + " (line " + line + ") is not valid UTF-8;"
            + " the spec must be UTF-8 (a Latin-1 file converts with: iconv -f latin1 -t utf-8)");
  }

  // 2. a spec path that is no readable file

  @Test
  void missingSpecSaysTheFileDoesNotExist() {
    Path spec = work.resolve("absent.json");
    badInput(mtnas("run", spec.toString()), "mtnas: " + spec + ": the spec file does not exist");
    badInput(mtnas("bench", spec.toString()), "mtnas: " + spec + ": the spec file does not exist");
    badInput(mtnas("throughput", spec.toString()), "mtnas: " + spec + ": the spec file does not exist");
  }

  @Test
  void directorySaysItIsNotASpecFile() {
    badInput(mtnas("run", work.toString()), "mtnas: " + work + ": is a directory, not a spec file");
  }

  @Test
  void unreadableSpecSaysItCannotBeRead() throws IOException {
    Path spec = work.resolve("secret.json");
    Files.copy(TRAINER_SPEC, spec);
    Files.setPosixFilePermissions(spec, PosixFilePermissions.fromString("---------"));
    try {
      // root reads any file whatever its mode; only there does this test not apply
      assumeFalse(Files.isReadable(spec), "running as root: a mode-000 file is still readable");
      badInput(mtnas("run", spec.toString()), "mtnas: " + spec + ": the spec file cannot be read: permission denied");
    } finally {
      Files.setPosixFilePermissions(spec, PosixFilePermissions.fromString("rw-------"));
    }
  }

  // 3. worker counts

  @Test
  void workersAboveTheMaximumNameOptionAndValue() {
    assertThat(SearchSpec.MAX_WORKERS).isEqualTo(256);
    String tooMany = "(the most evaluator workers one search may start), got 100000";
    badInput(mtnas("run", TRAINER_SPEC.toString(), "--workers", "100000"),
        "mtnas: --workers must be in 1..256 " + tooMany);
    badInput(mtnas("bench", TRAINER_SPEC.toString(), "--workers", "100000"),
        "mtnas: --workers must be in 1..256 " + tooMany);
    badInput(mtnas("throughput", TRAINER_SPEC.toString(), "--worker-counts", "1,100000"),
        "mtnas: --worker-counts: each must be in 1..256 " + tooMany);
    badInput(mtnas("run", TRAINER_SPEC.toString(), "--workers", "257"),
        "mtnas: --workers must be in 1..256 (the most evaluator workers one search may start), got 257");
    badInput(mtnas("run", TRAINER_SPEC.toString(), "--workers", "0"),
        "mtnas: --workers must be in 1..256 (the most evaluator workers one search may start), got 0");
  }

  @Test
  void aWorkerNodesBadOptionsNameOptionAndValue() {
    badInput(mtnas("worker", "--join", "localhost"),
        "mtnas: --join localhost: expected HOST:PORT, e.g. 127.0.0.1:25520");
    badInput(mtnas("worker", "--join", "127.0.0.1:25520", "--devices", "gpu0"),
        "mtnas: --devices gpu0: expected cpu or cuda:N");
    badInput(mtnas("worker", "--join", "127.0.0.1:25520", "--devices", "cuda:0,cuda:0"),
        "mtnas: --devices cuda:0,cuda:0: a device is named twice");
    badInput(mtnas("worker", "--join", "127.0.0.1:25520", "--slots-per-device", "0"),
        "mtnas: --slots-per-device must be in 1..64, got 0");
    badInput(mtnas("worker", "--join", "127.0.0.1:25520", "--time-scale", "-2"),
        "mtnas: time scale must be a finite number >= 0, got -2.0");
    String oneWay = "mtnas: a worker node joins through seed nodes (--join HOST:PORT) or through Cluster Bootstrap"
        + " (--bootstrap), exactly one of them";
    badInput(mtnas("worker"), oneWay);
    badInput(mtnas("worker", "--join", "127.0.0.1:25520", "--bootstrap"), oneWay);
    badInput(mtnas("worker", "--bootstrap", "--discovery", "dns"),
        "mtnas: --discovery must be one of [config, kubernetes-api], got dns");
    badInput(mtnas("worker", "--join", "127.0.0.1:25520", "--discovery", "kubernetes-api"),
        "mtnas: --discovery kubernetes-api needs --bootstrap");
    badInput(mtnas("worker", "--bootstrap", "--contact-points", "127.0.0.1"),
        "mtnas: --contact-points 127.0.0.1: expected HOST:PORT, e.g. 127.0.0.1:8558");
    badInput(mtnas("worker", "--bootstrap", "--discovery", "kubernetes-api", "--contact-points", "127.0.0.1:8558"),
        "mtnas: --contact-points needs --bootstrap with --discovery config");
    badInput(mtnas("worker", "--bootstrap", "--management-port", "70000"),
        "mtnas: --management-port must be in 0..65535, got 70000");
  }

  @Test
  void workersAboveTheMaximumInTheSpecNameThePath() throws IOException {
    Path spec = work.resolve("many.json");
    Files.writeString(spec, Files.readString(TRAINER_SPEC).replace("\"workers\": 1,", "\"workers\": 100000,"));
    badInput(mtnas("run", spec.toString()), "mtnas: " + spec + ": $.workers: must be an integer in 1..256, got 100000");
  }

  @Test
  void moreWorkersThanProcessorsWarns() {
    int processors = Runtime.getRuntime().availableProcessors();
    assumeTrue(processors < SearchSpec.MAX_WORKERS, "more processors than the most workers allowed");
    // --plot with training tasks is refused after the spec and flags are read: nothing runs
    String refused = "mtnas: --plot draws the gap to a benchmark's optimum, which a training task does not have;"
        + " run without --plot";
    Result r = mtnas("run", TRAINER_SPEC.toString(), "--workers", String.valueOf(processors + 1), "--plot");
    badInput(r,
        "mtnas: warning: --workers " + (processors + 1) + " is more than the " + processors + " available"
            + " processors; the evaluator workers all run on this machine, so the extra ones wait for a processor",
        refused);
    badInput(mtnas("run", TRAINER_SPEC.toString(), "--workers", String.valueOf(processors), "--plot"), refused);
  }
}
