package io.mtnas.config;

import com.typesafe.config.Config;
import io.mtnas.domain.work.WorkSettings;
import io.mtnas.domain.predictor.RetrainSchedule;
import java.util.Optional;

/** The {@code mtnas { ... }} section of the configuration, read once at start-up. */
public record MtnasSettings(Optional<String> benchmarksDir, WorkSettings work, RetrainSchedule retrain) {

  public static MtnasSettings from(Config config) {
    Config mtnas = config.getConfig("mtnas");
    Optional<String> benchmarks =
        mtnas.hasPath("benchmarks.dir") ? Optional.of(mtnas.getString("benchmarks.dir")) : Optional.empty();
    WorkSettings work =
        new WorkSettings(
            mtnas.getDuration("work.job-timeout"),
            mtnas.getInt("work.max-attempts"),
            mtnas.getDuration("work.deadline-check-interval"));
    RetrainSchedule retrain = new RetrainSchedule(
        mtnas.getLong("predictor.retrain.every-outcome-until"), mtnas.getDouble("predictor.retrain.growth"));
    return new MtnasSettings(benchmarks, work, retrain);
  }
}
