package io.mtnas.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and error messages a script calling mtnas relies on: 0 done, 2 bad input, 1 internal. */
class CliExitCodeProcessTest {
  private static final Path NB201_SPEC = Path.of("conf/searches/nb201-3task.json").toAbsolutePath();

  @TempDir Path work;

  @Test
  void badSpecExitsTwoNamingFileAndPathAndWritesNothing() throws Exception {
    var r = MtnasProcess.runEdited(work, NB201_SPEC, "bad.json", s -> s.replace("\"budget\": 15625", "\"budget\": -5"),
        "--out", "out");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).contains("bad.json").contains("$.tasks[0].budget").contains("-5");
    assertThat(work.resolve("out")).doesNotExist();
  }

  @Test
  void unknownColumnExitsTwo() throws Exception {
    var r = MtnasProcess.runEdited(work, NB201_SPEC, "column.json",
        s -> s.replace("cifar100_val_acc_200ep_derived", "cifar100_val_acc"));
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).contains("$.tasks[1].fitness").contains("cifar100_val_acc").contains("closest columns");
  }

  @Test
  void missingBenchmarkDirectoryExitsTwo() throws Exception {
    var r = MtnasProcess.run(work, "run", NB201_SPEC.toString(), "--benchmarks", "no-such-dir");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).contains("no-such-dir").contains("--benchmarks");
  }

  @Test
  void corruptBenchmarkFileExitsTwoNamingLineAndColumn() throws Exception {
    Path bench = Files.createDirectory(work.resolve("bench"));
    var lines = Files.readAllLines(MtnasProcess.benchmarks().resolve("transnas_micro.csv"));
    lines.set(10, lines.get(10).replaceFirst(",([0-9.]+)$", ",oops"));
    Files.write(bench.resolve("transnas_micro.csv"), lines); // a temp copy, never in the repo
    var r = MtnasProcess.run(work, "run", Path.of("conf/searches/transnas-3task.json").toAbsolutePath().toString(),
        "--benchmarks", bench.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).contains("transnas_micro.csv line 11").contains("autoencoder_val_ssim_final")
        .contains("\"oops\"");
  }

  @Test
  void badFlagsExitTwo() throws Exception {
    var seeds = MtnasProcess.run(work, "bench", NB201_SPEC.toString(), "--seeds", "5..1",
        "--benchmarks", MtnasProcess.benchmarks().toString());
    assertThat(seeds.exitCode()).isEqualTo(2);
    assertThat(seeds.stderr()).contains("--seeds").contains("5..1");
    var strategy = MtnasProcess.run(work, "run", NB201_SPEC.toString(), "--strategy", "hillclimb",
        "--benchmarks", MtnasProcess.benchmarks().toString());
    assertThat(strategy.exitCode()).isEqualTo(2);
    assertThat(strategy.stderr()).contains("hillclimb");
    var unknownOption = MtnasProcess.run(work, "run", "--frobnicate");
    assertThat(unknownOption.exitCode()).isEqualTo(2);
  }

  @Test
  void unwritableOutputIsAnInternalFailure() throws Exception {
    Files.writeString(work.resolve("taken"), "a file where the output directory should go");
    var r = MtnasProcess.run(work, "run", NB201_SPEC.toString(), "--benchmarks",
        MtnasProcess.benchmarks().toString(), "--out", "taken");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr()).contains("taken");
  }
}
