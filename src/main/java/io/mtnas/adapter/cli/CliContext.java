package io.mtnas.adapter.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.mtnas.adapter.benchmark.BenchmarkLocation;
import io.mtnas.adapter.benchmark.BenchmarkTables;
import io.mtnas.adapter.spec.SpecReader;
import io.mtnas.config.MtnasSettings;
import io.mtnas.domain.search.SearchSpec;
import java.nio.file.Path;
import java.util.Optional;

/** What every command starts from: configuration, settings and the benchmark tables. */
record CliContext(Config config, MtnasSettings settings, BenchmarkLocation location, BenchmarkTables tables) {

  static CliContext load(String benchmarksFlag) {
    Config config = ConfigFactory.load();
    MtnasSettings settings = MtnasSettings.from(config);
    BenchmarkLocation location =
        BenchmarkLocation.resolve(
            Optional.ofNullable(benchmarksFlag),
            System.getenv(),
            settings.benchmarksDir(),
            Path.of("").toAbsolutePath());
    return new CliContext(config, settings, location, BenchmarkTables.open(location.directory()));
  }

  /** Reads the spec and checks it against the tables (its benchmarks and columns exist). */
  SearchSpec readSpec(Path file) {
    return new SpecReader().read(file, tables);
  }
}
