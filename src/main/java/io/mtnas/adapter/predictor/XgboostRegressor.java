package io.mtnas.adapter.predictor;

import io.mtnas.domain.predictor.Model;
import io.mtnas.domain.predictor.Regressor;
import io.mtnas.domain.predictor.TrainingSet;
import java.util.HashMap;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Gradient-boosted trees (XGBoost4J) as the predictors' regressor. Single-threaded and seeded, so
 * the same training set always gives the same trees; missing features (NaN) take XGBoost's learned
 * default branch.
 */
public final class XgboostRegressor implements Regressor {
  /** Boosting settings; the defaults suit a few dozen to a few thousand rows. */
  public record Settings(int rounds, int maxDepth, double eta, double subsample, double minChildWeight, long seed) {
    public static Settings defaults() {
      return new Settings(120, 4, 0.1, 1.0, 1.0, 0);
    }
  }

  private final Settings settings;

  public XgboostRegressor(Settings settings) {
    this.settings = settings;
  }

  @Override
  public String id() {
    return "xgboost";
  }

  @Override
  public Model fit(TrainingSet data) {
    try {
      DMatrix train = matrix(data.rows());
      train.setLabel(toFloat(data.targets()));
      train.setWeight(toFloat(data.weights()));
      Map<String, Object> params = new HashMap<>();
      params.put("objective", "reg:squarederror");
      params.put("max_depth", settings.maxDepth());
      params.put("eta", settings.eta());
      params.put("subsample", settings.subsample());
      params.put("min_child_weight", settings.minChildWeight());
      params.put("tree_method", "hist");
      params.put("nthread", 1);
      params.put("seed", settings.seed());
      params.put("verbosity", 0);
      Booster booster = XGBoost.train(train, params, settings.rounds(), new HashMap<>(), null, null);
      train.dispose();
      return rows -> predict(booster, rows);
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost training failed: " + e.getMessage(), e);
    }
  }

  private static double[] predict(Booster booster, double[][] rows) {
    if (rows.length == 0) {
      return new double[0];
    }
    try {
      DMatrix m = matrix(rows);
      float[][] out = booster.predict(m);
      m.dispose();
      double[] scores = new double[rows.length];
      for (int i = 0; i < scores.length; i++) {
        scores[i] = out[i][0];
      }
      return scores;
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost prediction failed: " + e.getMessage(), e);
    }
  }

  private static DMatrix matrix(double[][] rows) throws XGBoostError {
    int width = rows[0].length;
    float[] flat = new float[rows.length * width];
    for (int r = 0; r < rows.length; r++) {
      for (int c = 0; c < width; c++) {
        flat[r * width + c] = (float) rows[r][c];
      }
    }
    return new DMatrix(flat, rows.length, width, Float.NaN);
  }

  private static float[] toFloat(double[] values) {
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) values[i];
    }
    return f;
  }
}
