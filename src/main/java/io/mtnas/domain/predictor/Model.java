package io.mtnas.domain.predictor;

/** A trained predictor: a score per feature row (higher = predicted better). */
public interface Model {
  double[] predict(double[][] rows);
}
