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
 *
 * <p>The factor is a {@link BlockCholesky}: an EJML matrix factored block by block, each block's
 * Schur complement and Cholesky factor by EJML, the triangular solves for K^-1 y by EJML, the
 * multi-right-hand-side forward substitution written out (it measured faster than EJML's; see
 * BlockCholesky). The scores agree with those of the row-by-row Cholesky and per-candidate solves
 * this replaced to about 2e-12 relative, not bit for bit (EJML's Cholesky multiplies by the
 * reciprocal of the diagonal where that one divided). The regressor
 * remembers the last factor it computed: a training set whose window starts with the same rows (the
 * archive grew by appended results, or another task's predictor trains on the same results) reuses
 * its complete blocks, and an identical window reuses all of it. When the window has slid (rows
 * left at the front) nothing is shared and the factor is computed afresh. Either way the model is
 * bit for bit the one a fresh regressor would fit, so the cache never changes a seeded search.
 * Candidates are scored together: one kernel matrix against the training rows and one forward
 * substitution with every candidate as a right-hand side, in panels of {@link #PANEL} candidates.
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

  /** Candidates scored per kernel-matrix panel (600 training rows x 256 candidates: 1.2 MB). */
  static final int PANEL = 256;

  private final Settings settings;
  /** The last factor computed, for the next fit to extend; any one will do (see the class comment). */
  private volatile Factored last;

  public GaussianProcessRegressor(Settings settings) {
    this.settings = settings;
  }

  @Override
  public String id() {
    return "gp";
  }

  /** It keeps the newest {@code maxRows} rows. */
  @Override
  public int rowLimit() {
    return settings.maxRows();
  }

  @Override
  public Model fit(TrainingSet data) {
    int from = Math.max(0, data.size() - settings.maxRows());
    FeatureLayout layout = data.layout();
    Points x = Points.of(data.rows(), from, data.size(), layout);
    int n = x.size();
    double[] y = normalScores(Arrays.copyOfRange(data.targets(), from, data.size()), x.tasks, layout.taskCount());
    Kernel kernel = new Kernel(settings, layout.embeddingWidth());
    BlockCholesky chol = factor(x, kernel);
    double[] alpha = chol.solve(y);
    double[] best = new double[Math.max(1, layout.taskCount())];
    Arrays.fill(best, Double.NEGATIVE_INFINITY);
    for (int i = 0; i < n; i++) {
      best[x.tasks[i]] = Math.max(best[x.tasks[i]], y[i]);
    }
    return rows -> predict(rows, layout, kernel, x, chol, alpha, best);
  }

  /** The factor of K + noise I over the window's rows, extending the last one where it can. */
  private BlockCholesky factor(Points x, Kernel kernel) {
    Factored previous = last;
    int shared = previous == null ? 0 : previous.points.sharedPrefix(x);
    BlockCholesky.Entries k = (i, j) -> kernel.at(x, i, x, j) + (i == j ? settings.noise() : 0);
    BlockCholesky chol = BlockCholesky.extend(previous == null ? null : previous.chol, shared, x.size(), k);
    last = new Factored(x, chol);
    return chol;
  }

  private double[] predict(double[][] rows, FeatureLayout layout, Kernel kernel, Points x, BlockCholesky chol,
      double[] alpha, double[] best) {
    Points candidates = Points.of(rows, 0, rows.length, layout);
    int n = x.size();
    double[] scores = new double[rows.length];
    for (int from = 0; from < rows.length; from += PANEL) {
      int width = Math.min(PANEL, rows.length - from);
      // ks[i][q]: kernel of training row i and candidate from + q
      double[][] ks = new double[n][width];
      for (int i = 0; i < n; i++) {
        kernel.row(x, i, candidates, from, ks[i]);
      }
      double[] mean = new double[width];
      for (int i = 0; i < n; i++) {
        double a = alpha[i];
        double[] ki = ks[i];
        for (int q = 0; q < width; q++) {
          mean[q] += ki[q] * a;
        }
      }
      if (settings.scoring() == Scoring.MEAN) {
        System.arraycopy(mean, 0, scores, from, width);
        continue;
      }
      chol.forwardSubstitute(ks, n); // ks[i][q]: (L^-1 k_q)[i]
      double[] explained = new double[width];
      for (int i = 0; i < n; i++) {
        double[] vi = ks[i];
        for (int q = 0; q < width; q++) {
          explained[q] += vi[q] * vi[q];
        }
      }
      for (int q = 0; q < width; q++) {
        double b = best[candidates.tasks[from + q]];
        scores[from + q] = expectedImprovement(mean[q], explained[q], Double.isFinite(b) ? b : 0);
      }
    }
    return scores;
  }

  /** @param explained k^T K^-1 k, the prior variance the training rows account for */
  private double expectedImprovement(double mean, double explained, double best) {
    double sd = Math.sqrt(Math.max(1 - explained, 1e-9) + settings.noise());
    double g = (mean - best) / sd;
    return sd * (g * Normal.cdf(g) + Normal.density(g));
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

  private record Factored(Points points, BlockCholesky chol) {}

  /**
   * What the kernel sees of some rows: their embeddings, their tasks and, when every embedding value
   * is 0 or 1 (one-hot encodings), the embeddings as bit sets, whose L1 distance is a bit count.
   */
  static final class Points {
    final double[][] embeddings;
    final int[] tasks;
    /** {@code codes[i]}: the set bits of row i's embedding; null unless all rows are binary. */
    final long[][] codes;

    private Points(double[][] embeddings, int[] tasks, long[][] codes) {
      this.embeddings = embeddings;
      this.tasks = tasks;
      this.codes = codes;
    }

    static Points of(double[][] rows, int from, int to, FeatureLayout layout) {
      int n = to - from;
      int width = layout.embeddingWidth();
      double[][] embeddings = new double[n][];
      int[] tasks = new int[n];
      boolean binary = true;
      for (int i = 0; i < n; i++) {
        double[] row = rows[from + i];
        embeddings[i] = Arrays.copyOf(row, width);
        tasks[i] = layout.task(row);
        for (int c = 0; c < width && binary; c++) {
          binary = row[c] == 0 || row[c] == 1;
        }
      }
      long[][] codes = null;
      if (binary) {
        codes = new long[n][(width + 63) / 64];
        for (int i = 0; i < n; i++) {
          for (int c = 0; c < width; c++) {
            if (embeddings[i][c] == 1) {
              codes[i][c / 64] |= 1L << (c % 64);
            }
          }
        }
      }
      return new Points(embeddings, tasks, codes);
    }

    int size() {
      return tasks.length;
    }

    /** How many leading rows this and {@code other} have in common. */
    int sharedPrefix(Points other) {
      int n = Math.min(size(), other.size());
      for (int i = 0; i < n; i++) {
        if (tasks[i] != other.tasks[i] || !Arrays.equals(embeddings[i], other.embeddings[i])) {
          return i;
        }
      }
      return n;
    }
  }

  /**
   * exp(-d / 2 / length scale), d the L1 distance of two embeddings, times the task correlation when
   * the rows' tasks differ. For binary embeddings d is a bit count and the exponential a table
   * lookup: the same double as the sum of |a - b| would give, so both ways agree bit for bit.
   */
  static final class Kernel {
    private final double lengthScale;
    private final double taskCorrelation;
    private final int width;
    /** {@code similarity[d]} for integer distances d = 0 .. width. */
    private final double[] similarity;

    Kernel(Settings settings, int width) {
      this.lengthScale = settings.lengthScale();
      this.taskCorrelation = settings.taskCorrelation();
      this.width = width;
      this.similarity = new double[width + 1];
      for (int d = 0; d <= width; d++) {
        similarity[d] = similarity((double) d);
      }
    }

    private double similarity(double distance) {
      return Math.exp(-distance / 2 / lengthScale);
    }

    double at(Points a, int i, Points b, int j) {
      double s;
      if (a.codes != null && b.codes != null) {
        long[] x = a.codes[i];
        long[] y = b.codes[j];
        int d = 0;
        for (int w = 0; w < x.length; w++) {
          d += Long.bitCount(x[w] ^ y[w]);
        }
        s = similarity[d];
      } else {
        double[] x = a.embeddings[i];
        double[] y = b.embeddings[j];
        double distance = 0;
        for (int c = 0; c < width; c++) {
          distance += Math.abs(x[c] - y[c]);
        }
        s = similarity(distance);
      }
      return a.tasks[i] == b.tasks[j] ? s : s * taskCorrelation;
    }

    /** {@code out[q] = at(a, i, b, from + q)} for every q of {@code out}. */
    void row(Points a, int i, Points b, int from, double[] out) {
      int task = a.tasks[i];
      if (a.codes != null && b.codes != null && a.codes[i].length == 1) {
        long x = a.codes[i][0];
        for (int q = 0; q < out.length; q++) {
          double s = similarity[Long.bitCount(x ^ b.codes[from + q][0])];
          out[q] = task == b.tasks[from + q] ? s : s * taskCorrelation;
        }
        return;
      }
      for (int q = 0; q < out.length; q++) {
        out[q] = at(a, i, b, from + q);
      }
    }
  }
}
