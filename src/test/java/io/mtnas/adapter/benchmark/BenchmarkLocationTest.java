package io.mtnas.adapter.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the tables come from. The working directory is always passed in (never the JVM's), so
 * each source gets its own directory and the test can tell which one won.
 */
class BenchmarkLocationTest {
  private static final Optional<String> NONE = Optional.empty();
  private static final Map<String, String> NO_ENV = Map.of();

  @TempDir Path root;
  Path work;

  @BeforeEach
  void layout() throws IOException {
    work = Files.createDirectories(root.resolve("project/work"));
    for (String d : new String[] {"flag", "env", "conf", "project/shared/benchmarks"}) {
      Files.createDirectories(root.resolve(d));
    }
  }

  private BenchmarkLocation resolve(Optional<String> flag, Map<String, String> env, Optional<String> configured) {
    return BenchmarkLocation.resolve(flag, env, configured, work);
  }

  private static Map<String, String> env(String value) {
    return Map.of(BenchmarkLocation.ENV, value);
  }

  @Test
  void flagWinsOverEverything() {
    assertThat(resolve(Optional.of("../../flag"), env("../../env"), Optional.of("../../conf")))
        .isEqualTo(new BenchmarkLocation(root.resolve("flag"), "--benchmarks"));
  }

  @Test
  void environmentWinsOverConfiguration() {
    assertThat(resolve(NONE, env("../../env"), Optional.of("../../conf")))
        .isEqualTo(new BenchmarkLocation(root.resolve("env"), "MTNAS_BENCHMARKS"));
  }

  @Test
  void blankEnvironmentVariableCountsAsUnset() {
    assertThat(resolve(NONE, env("  "), Optional.of("../../conf")))
        .isEqualTo(new BenchmarkLocation(root.resolve("conf"), "config mtnas.benchmarks.dir"));
  }

  @Test
  void defaultIsTheSharedFolderNextToTheWorkingDirectory() {
    assertThat(BenchmarkLocation.DEFAULT).isEqualTo("../shared/benchmarks");
    assertThat(resolve(NONE, NO_ENV, NONE))
        .isEqualTo(new BenchmarkLocation(root.resolve("project/shared/benchmarks"), "the default"));
  }

  @Test
  void relativePathsAreTakenFromTheGivenWorkingDirectoryAndNormalised() {
    BenchmarkLocation location = resolve(Optional.of("./../../flag/."), NO_ENV, NONE);

    assertThat(location.directory()).isEqualTo(root.resolve("flag")).isAbsolute();
  }

  @Test
  void absolutePathsAreUsedAsGiven() {
    assertThat(resolve(NONE, env(root.resolve("env").toString()), NONE).directory()).isEqualTo(root.resolve("env"));
  }

  @Test
  void missingDirectoryNamesItAndWhoAskedForIt() {
    assertThatThrownBy(() -> resolve(Optional.of("gone"), NO_ENV, NONE))
        .isInstanceOf(BenchmarkDataException.class)
        .hasMessage("benchmark directory " + work.resolve("gone") + " (from --benchmarks) does not exist; "
            + "pass --benchmarks DIR or set MTNAS_BENCHMARKS");
    assertThatThrownBy(() -> resolve(NONE, env("gone"), NONE)).hasMessageContaining("(from MTNAS_BENCHMARKS)");
    assertThatThrownBy(() -> resolve(NONE, NO_ENV, Optional.of("gone")))
        .hasMessageContaining("(from config mtnas.benchmarks.dir)");
  }

  @Test
  void missingDefaultDirectorySaysItWasTheDefault() throws IOException {
    Files.delete(root.resolve("project/shared/benchmarks"));

    assertThatThrownBy(() -> resolve(NONE, NO_ENV, NONE))
        .hasMessageStartingWith(
            "benchmark directory " + root.resolve("project/shared/benchmarks") + " (from the default)");
  }

  @Test
  void aFileIsNotADirectory() throws IOException {
    Files.writeString(work.resolve("tables.csv"), "x");

    assertThatThrownBy(() -> resolve(Optional.of("tables.csv"), NO_ENV, NONE)).hasMessageContaining("does not exist");
  }

  @Test
  void blankFlagOrConfigurationIsAnErrorNotAFallThrough() {
    // "--benchmarks ''" is a mistake worth reporting, not a request for the default
    assertThatThrownBy(() -> resolve(Optional.of(" "), env("../../env"), NONE))
        .isInstanceOf(BenchmarkDataException.class)
        .hasMessage("benchmark directory from --benchmarks is empty");
    assertThatThrownBy(() -> resolve(NONE, NO_ENV, Optional.of("")))
        .hasMessage("benchmark directory from config mtnas.benchmarks.dir is empty");
  }
}
