package io.mtnas.domain.search;

import io.mtnas.domain.SpecId;
import io.mtnas.domain.predictor.GaussianProcessRegressor;
import java.util.Objects;

/**
 * How a population picks which of its candidates to spend an evaluation on.
 *
 * @param candidates how many candidates (mutants, or random samples while the population fills)
 *     a population draws per evaluation; 1 means the strategy's own pick, unguided
 * @param samples how many uniform samples of unseen architectures join each pool, so a guided
 *     population can leave a plateau its mutants cannot (0: mutants only)
 * @param incumbentNeighbours add the unseen one-edge neighbours of the task's best-so-far to every
 *     pool (local search around the incumbent, which aging would otherwise forget)
 * @param predictor rank the candidates with the task's performance predictor once it has data
 * @param predictorOtherTasks let the predictor learn from the other tasks' results too
 * @param zeroCost use the free zero-cost proxy signals: as predictor inputs, and to rank candidates
 *     (by the task's first proxy metric) while no predictor is trained or the predictor is off
 * @param model the predictor's regressor: {@code xgboost} (gradient-boosted trees on every input)
 *     or {@code gp} (a multi-task Gaussian process on the embedding, scoring by expected improvement)
 * @param gp the Gaussian process's kernel and scoring, used when {@code model} is {@code gp}
 */
public record GuidanceSpec(
    int candidates,
    int samples,
    boolean incumbentNeighbours,
    boolean predictor,
    boolean predictorOtherTasks,
    boolean zeroCost,
    Model model,
    GaussianProcessRegressor.Settings gp) {
  /** The predictor's regressor, by its spec id. */
  public enum Model implements SpecId {
    XGBOOST,
    GP;

    public static Model parse(String text) {
      return SpecId.parse(Model.class, text);
    }
  }

  public GuidanceSpec {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(gp, "gp");
    if (candidates < 1) {
      throw new IllegalArgumentException("candidates must be >= 1, got " + candidates);
    }
    if (samples < 0) {
      throw new IllegalArgumentException("samples must be >= 0, got " + samples);
    }
  }

  /** With the default Gaussian-process settings. */
  public GuidanceSpec(
      int candidates, int samples, boolean incumbentNeighbours, boolean predictor, boolean predictorOtherTasks,
      boolean zeroCost, Model model) {
    this(candidates, samples, incumbentNeighbours, predictor, predictorOtherTasks, zeroCost, model,
        GaussianProcessRegressor.Settings.defaults());
  }

  /** With the default regressor. */
  public GuidanceSpec(
      int candidates, int samples, boolean incumbentNeighbours, boolean predictor, boolean predictorOtherTasks,
      boolean zeroCost) {
    this(candidates, samples, incumbentNeighbours, predictor, predictorOtherTasks, zeroCost, Model.XGBOOST);
  }

  public GuidanceSpec withModel(Model newModel) {
    return new GuidanceSpec(candidates, samples, incumbentNeighbours, predictor, predictorOtherTasks, zeroCost, newModel, gp);
  }

  public GuidanceSpec withGp(GaussianProcessRegressor.Settings newGp) {
    return new GuidanceSpec(candidates, samples, incumbentNeighbours, predictor, predictorOtherTasks, zeroCost, model, newGp);
  }

  /** Plain evolution: one candidate, no model, no proxies. */
  public static GuidanceSpec none() {
    return new GuidanceSpec(1, 0, false, false, true, false);
  }

  public boolean guided() {
    return (candidates > 1 || samples > 0) && (predictor || zeroCost);
  }
}
