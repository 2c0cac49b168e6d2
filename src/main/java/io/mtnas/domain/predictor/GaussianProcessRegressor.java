package io.mtnas.domain.predictor;

import io.mtnas.domain.SpecId;
import java.util.Arrays;
import java.util.Objects;

/**
 * A multi-task Gaussian process as the predictors' regressor. Two architectures are as alike as
 * exp(-d / length scale), d being half the L1 distance of their embeddings (the number of edges
 * whose operation differs, for the one-hot encoding), and results of two different tasks are
 * correlated by the task correlation on top. Targets are replaced by normal scores of their rank
 * within their task: fitness tables are skewed (a few dead cells far below the rest), and the
 * search only needs the order near the top.
 *
 * <p>The model scores a row by its expected improvement over the best normal score of the row's
 * task, with the noise in the predictive variance, so it prefers cells likely to beat what that
 * task has measured; {@link Scoring#MEAN} gives the posterior mean instead. It keeps the newest
 * {@code maxRows} rows so training stays cubic in a bounded number. Row weights are not used:
 * the task correlation already discounts the other tasks' results. Deterministic, no randomness.
 */
public final class GaussianProcessRegressor implements Regressor {
  /** How a row is scored, by its spec id. */
  public enum Scoring implements SpecId {
    EXPECTED_IMPROVEMENT,
    MEAN;

    public static Scoring parse(String text) {
      return SpecId.parse(Scoring.class, text);
    }
  }

  /**
   * @param lengthScale distance at which similarity falls to 1/e
   * @param noise observation noise variance, relative to the unit prior variance
   * @param taskCorrelation prior correlation of one architecture's results on two tasks
   * @param maxRows the newest rows kept for training
   */
  public record Settings(double lengthScale, double noise, double taskCorrelation, int maxRows, Scoring scoring) {
    public Settings {
      Objects.requireNonNull(scoring, "scoring");
      if (!(lengthScale > 0) || !(noise > 0) || !(taskCorrelation >= 0 && taskCorrelation <= 1) || maxRows < 2) {
        throw new IllegalArgumentException("bad GP settings: length scale " + lengthScale + ", noise " + noise
            + ", task correlation " + taskCorrelation + ", max rows " + maxRows);
      }
    }

    public Settings withScoring(Scoring newScoring) {
      return new Settings(lengthScale, noise, taskCorrelation, maxRows, newScoring);
    }

    /**
     * Chosen on TransNAS-Bench-101 micro (docs/benchmarks.md section 3). The noise is as large as the
     * prior variance: the table's values are single training runs, and over 300 seeds noise 1.0 beat
     * 0.5 (average rank 7.7 against 8.7).
     */
    public static Settings defaults() {
      return new Settings(1.0, 1.0, 0.7, 600, Scoring.EXPECTED_IMPROVEMENT);
    }
  }

  private final Settings settings;

  public GaussianProcessRegressor(Settings settings) {
    this.settings = settings;
  }

  @Override
  public String id() {
    return "gp";
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
    double[] y = normalScores(Arrays.copyOfRange(data.targets(), from, data.size()), task, layout.taskCount());
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

  /** Normal scores of each target's mid-rank within its task (ties share their mean rank). */
  static double[] normalScores(double[] targets, int[] task, int taskCount) {
    double[] scores = new double[targets.length];
    for (int t = 0; t < Math.max(1, taskCount); t++) {
      int tt = t;
      int[] order = java.util.stream.IntStream.range(0, targets.length).filter(i -> task[i] == tt).boxed()
          .sorted(java.util.Comparator.comparingDouble(i -> targets[i])).mapToInt(Integer::intValue).toArray();
      for (int from = 0; from < order.length; ) {
        int to = from;
        while (to + 1 < order.length && targets[order[to + 1]] == targets[order[from]]) {
          to++;
        }
        double score = Normal.quantile((from + to + 1) / 2.0 / order.length);
        for (int k = from; k <= to; k++) {
          scores[order[k]] = score;
        }
        from = to + 1;
      }
    }
    return scores;
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
