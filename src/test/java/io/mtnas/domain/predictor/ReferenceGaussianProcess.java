package io.mtnas.domain.predictor;

import io.mtnas.domain.predictor.GaussianProcessRegressor.Scoring;
import io.mtnas.domain.predictor.GaussianProcessRegressor.Settings;
import java.util.Arrays;

/**
 * The Gaussian process as it was before EJML (hand-written Cholesky, one forward substitution per
 * candidate), kept as the straightforward reference the regressor is checked against.
 */
final class ReferenceGaussianProcess implements Regressor {
  private final Settings settings;

  ReferenceGaussianProcess(Settings settings) {
    this.settings = settings;
  }

  @Override
  public String id() {
    return "gp-reference";
  }

  @Override
  public Model fit(TrainingSet data) {
    int from = Math.max(0, data.size() - settings.maxRows());
    double[][] x = Arrays.copyOfRange(data.rows(), from, data.size());
    FeatureLayout layout = data.layout();
    int[] task = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      task[i] = layout.task(x[i]);
    }
    double[] y = GaussianProcessRegressor.normalScores(Arrays.copyOfRange(data.targets(), from, data.size()), task,
        layout.taskCount());
    int n = x.length;
    double[][] k = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        k[i][j] = kernel(x[i], task[i], x[j], task[j], layout);
        k[j][i] = k[i][j];
      }
      k[i][i] += settings.noise();
    }
    double[][] chol = cholesky(k);
    double[] alpha = backward(chol, forward(chol, y));
    double[] best = new double[Math.max(1, layout.taskCount())];
    Arrays.fill(best, Double.NEGATIVE_INFINITY);
    for (int i = 0; i < n; i++) {
      best[task[i]] = Math.max(best[task[i]], y[i]);
    }
    return rows -> {
      double[] scores = new double[rows.length];
      for (int r = 0; r < rows.length; r++) {
        int t = layout.task(rows[r]);
        double[] ks = new double[n];
        for (int i = 0; i < n; i++) {
          ks[i] = kernel(rows[r], t, x[i], task[i], layout);
        }
        double mean = dot(ks, alpha);
        scores[r] = settings.scoring() == Scoring.MEAN
            ? mean
            : expectedImprovement(mean, ks, chol, Double.isFinite(best[t]) ? best[t] : 0);
      }
      return scores;
    };
  }

  private double expectedImprovement(double mean, double[] ks, double[][] chol, double best) {
    double[] v = forward(chol, ks);
    double sd = Math.sqrt(Math.max(1 - dot(v, v), 1e-9) + settings.noise());
    double g = (mean - best) / sd;
    return sd * (g * Normal.cdf(g) + Normal.density(g));
  }

  private double kernel(double[] a, int taskA, double[] b, int taskB, FeatureLayout layout) {
    double distance = 0;
    for (int c = 0; c < layout.embeddingWidth(); c++) {
      distance += Math.abs(a[c] - b[c]);
    }
    double similarity = Math.exp(-distance / 2 / settings.lengthScale());
    return taskA == taskB ? similarity : similarity * settings.taskCorrelation();
  }

  /** Lower-triangular L with L L^T = m (m symmetric positive definite: the noise term sees to it). */
  static double[][] cholesky(double[][] m) {
    int n = m.length;
    double[][] l = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = m[i][j];
        for (int k = 0; k < j; k++) {
          s -= l[i][k] * l[j][k];
        }
        l[i][j] = i == j ? Math.sqrt(Math.max(s, 1e-12)) : s / l[j][j];
      }
    }
    return l;
  }

  /** Solves L v = b. */
  static double[] forward(double[][] l, double[] b) {
    double[] v = new double[b.length];
    for (int i = 0; i < b.length; i++) {
      double s = b[i];
      for (int k = 0; k < i; k++) {
        s -= l[i][k] * v[k];
      }
      v[i] = s / l[i][i];
    }
    return v;
  }

  /** Solves L^T v = b. */
  static double[] backward(double[][] l, double[] b) {
    int n = b.length;
    double[] v = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double s = b[i];
      for (int k = i + 1; k < n; k++) {
        s -= l[k][i] * v[k];
      }
      v[i] = s / l[i][i];
    }
    return v;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
