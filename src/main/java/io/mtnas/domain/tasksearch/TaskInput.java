package io.mtnas.domain.tasksearch;

import io.mtnas.domain.evaluation.EvaluationOutcome;
import io.mtnas.domain.transfer.Offer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What happens to one task's search, in the order it happened: its event log. Folding a log into
 * {@link TaskSearch#start} rebuilds the search exactly (see {@link TaskSearch#rebuild}), so every
 * input carries what the search reads from outside (clock readings included).
 */
public sealed interface TaskInput {

  /** Submit the first batch. */
  enum Start implements TaskInput {
    INSTANCE
  }

  /**
   * A final outcome from the work manager.
   *
   * @param sequence the search-wide delivery number: what "as of" means for the peers
   * @param elapsedMillis the search's clock when the result arrived (only reported, never decides)
   */
  record ResultArrived(EvaluationOutcome outcome, long sequence, String worker, long wallMicros, long elapsedMillis)
      implements TaskInput {
    public ResultArrived {
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(worker, "worker");
    }
  }

  /** The arbiter's answer to {@link TaskEffect.AskTransfers}: the offers it accepted. */
  record TransfersDecided(List<Offer> accepted) implements TaskInput {
    public TransfersDecided {
      accepted = List.copyOf(accepted);
    }
  }

  /** The predictor's answer to {@link TaskEffect.AskScores}, one score per pool entry; empty when it had none. */
  record ScoresReady(Optional<double[]> scores) implements TaskInput {
    public ScoresReady {
      Objects.requireNonNull(scores, "scores");
      scores = scores.map(double[]::clone);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ScoresReady other && scores.isPresent() == other.scores.isPresent()
          && (scores.isEmpty() || Arrays.equals(scores.get(), other.scores.get()));
    }

    @Override
    public int hashCode() {
      return scores.map(Arrays::hashCode).orElse(0);
    }

    @Override
    public String toString() {
      return "ScoresReady[" + scores.map(Arrays::toString).orElse("none") + "]";
    }
  }

  /**
   * Submit the first batch of a task that joined the running search after {@code afterDelivery}
   * deliveries: its first population may come from what the search knows as of then.
   */
  record Joined(long afterDelivery) implements TaskInput {}

  /** A peer's answer to {@link TaskEffect.AskWarmTransfers} or {@link TaskEffect.AskWarmScores}: picks, best first. */
  record WarmPicks(List<Offer> picks) implements TaskInput {
    public WarmPicks {
      picks = List.copyOf(picks);
    }
  }

  /** The task's evaluation budget is now {@code budget} (raised or lowered while it runs). */
  record BudgetChanged(int budget) implements TaskInput {
    public BudgetChanged {
      if (budget < 1) {
        throw new IllegalArgumentException("budget must be >= 1, got " + budget);
      }
    }
  }
}
