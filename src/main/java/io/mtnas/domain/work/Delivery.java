package io.mtnas.domain.work;

import io.mtnas.domain.evaluation.EvaluationOutcome;
import java.util.Objects;

/**
 * A final outcome the caller must hand to its submitter, exactly once: a score, or a failure the
 * ledger gave up on. The submitter then owes the ledger a reply.
 */
public record Delivery(String submitter, EvaluationOutcome outcome) {
  public Delivery {
    Objects.requireNonNull(submitter, "submitter");
    Objects.requireNonNull(outcome, "outcome");
  }
}
