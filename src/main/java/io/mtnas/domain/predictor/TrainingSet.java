package io.mtnas.domain.predictor;

import java.util.Objects;

/** Feature rows, their targets and per-row weights, all of one length, and the rows' layout. */
public record TrainingSet(double[][] rows, double[] targets, double[] weights, FeatureLayout layout) {
  public TrainingSet {
    Objects.requireNonNull(rows, "rows");
    Objects.requireNonNull(targets, "targets");
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(layout, "layout");
    if (rows.length != targets.length || rows.length != weights.length) {
      throw new IllegalArgumentException(
          rows.length + " rows, " + targets.length + " targets, " + weights.length + " weights");
    }
  }

  /** Rows that are all embedding (one task). */
  public TrainingSet(double[][] rows, double[] targets, double[] weights) {
    this(rows, targets, weights, FeatureLayout.embeddingOnly(rows.length == 0 ? 0 : rows[0].length));
  }

  public int size() {
    return rows.length;
  }
}
