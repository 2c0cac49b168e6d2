package io.mtnas.domain.search;

/**
 * How a population picks which of its candidates to spend an evaluation on.
 *
 * @param candidates how many candidates (mutants, or random samples while the population fills)
 *     a population draws per evaluation; 1 means the strategy's own pick, unguided
 * @param predictor rank the candidates with the task's performance predictor once it has data
 * @param predictorOtherTasks let the predictor learn from the other tasks' results too
 * @param zeroCost use the free zero-cost proxy signals: as predictor inputs, and to rank candidates
 *     (by the task's first proxy metric) while no predictor is trained or the predictor is off
 */
public record GuidanceSpec(int candidates, boolean predictor, boolean predictorOtherTasks, boolean zeroCost) {
  public GuidanceSpec {
    if (candidates < 1) {
      throw new IllegalArgumentException("candidates must be >= 1, got " + candidates);
    }
  }

  /** Plain evolution: one candidate, no model, no proxies. */
  public static GuidanceSpec none() {
    return new GuidanceSpec(1, false, true, false);
  }

  public boolean guided() {
    return candidates > 1 && (predictor || zeroCost);
  }
}
