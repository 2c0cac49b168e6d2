package io.mtnas.domain.predictor;

import java.util.Objects;

/** Feature rows, their targets and per-row weights, all of one length. */
public record TrainingSet(double[][] rows, double[] targets, double[] weights) {
  public TrainingSet {
    Objects.requireNonNull(rows, "rows");
    Objects.requireNonNull(targets, "targets");
    Objects.requireNonNull(weights, "weights");
    if (rows.length != targets.length || rows.length != weights.length) {
      throw new IllegalArgumentException(
          rows.length + " rows, " + targets.length + " targets, " + weights.length + " weights");
    }
  }

  public int size() {
    return rows.length;
  }
}
