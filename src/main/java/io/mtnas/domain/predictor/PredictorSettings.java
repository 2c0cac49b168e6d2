package io.mtnas.domain.predictor;

/**
 * How a task's predictor learns.
 *
 * @param useOtherTasks train on every task's results (standardised per task), not the target's alone
 * @param otherTaskWeight weight of another task's result relative to one of the target's
 * @param minimumOwnResults below this many results of its own a task predicts from the others'
 *     alone if allowed, else not at all
 */
public record PredictorSettings(boolean useOtherTasks, double otherTaskWeight, int minimumOwnResults) {
  public PredictorSettings {
    if (!(otherTaskWeight > 0) || otherTaskWeight > 1) {
      throw new IllegalArgumentException("otherTaskWeight must be in (0, 1], got " + otherTaskWeight);
    }
    if (minimumOwnResults < 0) {
      throw new IllegalArgumentException("minimumOwnResults must be >= 0, got " + minimumOwnResults);
    }
  }

  public static PredictorSettings defaults() {
    return new PredictorSettings(true, 0.5, 0);
  }
}
