package io.mtnas.domain.predictor;

import io.mtnas.domain.space.Architecture;
import java.util.List;

/** A task's trained predictor with the cross-task values it was trained with. */
public record TaskModel(String target, Model model, CrossTaskValues cross) {
  /** Scores candidates for the target (higher = predicted better). */
  public double[] score(List<Architecture> candidates, FeatureMap features) {
    double[][] rows = new double[candidates.size()][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = features.row(target, candidates.get(i), cross);
    }
    return model.predict(rows);
  }
}
