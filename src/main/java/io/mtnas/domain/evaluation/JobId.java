package io.mtnas.domain.evaluation;

import java.util.Objects;

/**
 * Identifies one evaluation job of a search: the task and that task's proposal sequence number.
 * Deterministic (no clocks, no UUIDs), so seeded runs produce identical ids, and ordered, so a
 * dispatcher can pick jobs in a reproducible order.
 */
public record JobId(String task, long sequence) implements Comparable<JobId> {
  public JobId {
    Objects.requireNonNull(task, "task");
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must be >= 0, got " + sequence);
    }
  }

  /** Parses the {@link #toString()} form {@code task#sequence}. */
  public static JobId parse(String text) {
    int hash = text.lastIndexOf('#');
    if (hash <= 0 || hash == text.length() - 1) {
      throw new IllegalArgumentException("job id must look like task#sequence, got \"" + text + "\"");
    }
    try {
      return new JobId(text.substring(0, hash), Long.parseLong(text.substring(hash + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("job id must look like task#sequence, got \"" + text + "\"");
    }
  }

  @Override
  public int compareTo(JobId o) {
    int bySequence = Long.compare(sequence, o.sequence);
    return bySequence != 0 ? bySequence : task.compareTo(o.task);
  }

  @Override
  public String toString() {
    return task + "#" + sequence;
  }
}
