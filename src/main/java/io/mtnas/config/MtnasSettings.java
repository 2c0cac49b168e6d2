package io.mtnas.config;

import com.typesafe.config.Config;
import io.mtnas.actor.WorkSettings;
import java.util.Optional;

/** The {@code mtnas { ... }} section of the configuration, read once at start-up. */
public record MtnasSettings(Optional<String> benchmarksDir, WorkSettings work) {

  public static MtnasSettings from(Config config) {
    Config mtnas = config.getConfig("mtnas");
    Optional<String> benchmarks =
        mtnas.hasPath("benchmarks.dir") ? Optional.of(mtnas.getString("benchmarks.dir")) : Optional.empty();
    WorkSettings work =
        new WorkSettings(
            mtnas.getDuration("work.job-timeout"),
            mtnas.getInt("work.max-attempts"),
            mtnas.getDuration("work.deadline-check-interval"));
    return new MtnasSettings(benchmarks, work);
  }
}
