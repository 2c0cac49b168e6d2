package io.mtnas.domain.work;

import java.time.Duration;
import java.util.Objects;

/**
 * How a work manager treats jobs: how long a worker may hold one, how many attempts a job gets,
 * how often deadlines are checked.
 */
public record WorkSettings(Duration jobTimeout, int maxAttempts, Duration deadlineCheckInterval) {
  public WorkSettings {
    Objects.requireNonNull(jobTimeout, "jobTimeout");
    Objects.requireNonNull(deadlineCheckInterval, "deadlineCheckInterval");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("max attempts must be >= 1, got " + maxAttempts);
    }
  }

  public static WorkSettings defaults() {
    return new WorkSettings(Duration.ofMinutes(30), 3, Duration.ofSeconds(1));
  }
}
