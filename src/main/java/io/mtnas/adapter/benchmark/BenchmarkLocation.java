package io.mtnas.adapter.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the benchmark tables are, and who said so. Precedence: the {@code --benchmarks} flag,
 * then environment variable {@value #ENV}, then configuration {@code mtnas.benchmarks.dir}, then
 * {@value #DEFAULT}. Relative paths are taken from the working directory.
 */
public record BenchmarkLocation(Path directory, String source) {
  public static final String ENV = "MTNAS_BENCHMARKS";
  public static final String DEFAULT = "../shared/benchmarks";

  /** The location by precedence; the directory must exist. */
  public static BenchmarkLocation resolve(
      Optional<String> flag, Map<String, String> environment, Optional<String> configured, Path workingDirectory) {
    BenchmarkLocation location = locate(flag, environment, configured, workingDirectory);
    if (!location.exists()) {
      throw new BenchmarkDataException(location.missing());
    }
    return location;
  }

  /** The location by precedence, whether or not the directory exists. */
  public static BenchmarkLocation locate(
      Optional<String> flag, Map<String, String> environment, Optional<String> configured, Path workingDirectory) {
    BenchmarkLocation location;
    if (flag.isPresent()) {
      location = of(flag.get(), "--benchmarks", workingDirectory);
    } else if (environment.get(ENV) != null && !environment.get(ENV).isBlank()) {
      location = of(environment.get(ENV), ENV, workingDirectory);
    } else if (configured.isPresent()) {
      location = of(configured.get(), "config mtnas.benchmarks.dir", workingDirectory);
    } else {
      location = of(DEFAULT, "the default", workingDirectory);
    }
    return location;
  }

  public boolean exists() {
    return Files.isDirectory(directory);
  }

  /** What to tell a user whose tables are not where this location points. */
  public String missing() {
    return "benchmark directory " + directory + " (from " + source + ") does not exist; pass --benchmarks DIR or set "
        + ENV;
  }

  private static BenchmarkLocation of(String text, String source, Path workingDirectory) {
    if (text.isBlank()) {
      throw new BenchmarkDataException("benchmark directory from " + source + " is empty");
    }
    return new BenchmarkLocation(workingDirectory.resolve(text).normalize(), source);
  }
}
