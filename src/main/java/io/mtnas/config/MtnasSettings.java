package io.mtnas.config;

import com.typesafe.config.Config;
import io.mtnas.domain.work.WorkSettings;
import io.mtnas.domain.predictor.RetrainSchedule;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code mtnas { ... }} section of the configuration, read once at start-up.
 *
 * @param eventBufferCapacity how many progress events may wait for one subscriber of a search's
 *     stream before the newest are dropped ({@code events.buffer-capacity})
 * @param journalFlushInterval how often the run's journal hands its new lines to the operating
 *     system ({@code journal.flush-interval})
 */
public record MtnasSettings(
    Optional<String> benchmarksDir,
    WorkSettings work,
    RetrainSchedule retrain,
    int eventBufferCapacity,
    Duration journalFlushInterval) {
  public MtnasSettings {
    if (eventBufferCapacity < 1) {
      throw new IllegalArgumentException("mtnas.events.buffer-capacity must be >= 1, got " + eventBufferCapacity);
    }
    if (journalFlushInterval.isNegative() || journalFlushInterval.isZero()) {
      throw new IllegalArgumentException("mtnas.journal.flush-interval must be positive, got " + journalFlushInterval);
    }
  }

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
    return new MtnasSettings(benchmarks, work, retrain, mtnas.getInt("events.buffer-capacity"),
        mtnas.getDuration("journal.flush-interval"));
  }
}
