package io.mtnas.domain.work;

import io.mtnas.domain.evaluation.EvaluationOutcome;
import java.util.Objects;

/**
 * A final outcome as a durable search stored it before its population saw it: the search-wide
 * delivery number, the population it went to, and who produced it how fast. A restarted search
 * replays these in order ({@link Replay}) and so reaches the state it had, without evaluating
 * again.
 */
public record StoredDelivery(long sequence, String submitter, EvaluationOutcome outcome, String workerId,
    long wallMicros) implements StoredInput {
  public StoredDelivery {
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence must be >= 1, got " + sequence);
    }
    Objects.requireNonNull(submitter, "submitter");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(workerId, "workerId");
  }
}
