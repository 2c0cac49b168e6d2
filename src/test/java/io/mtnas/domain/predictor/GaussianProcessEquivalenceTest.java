package io.mtnas.domain.predictor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mtnas.domain.predictor.GaussianProcessRegressor.Scoring;
import io.mtnas.domain.predictor.GaussianProcessRegressor.Settings;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The blocked Gaussian process against the hand-written one it replaced ({@link
 * ReferenceGaussianProcess}) on seeded random data: the same means and expected improvements
 * within 1e-9 relative, and the same order of any two candidates whose reference scores are further
 * apart than that, whether the factor was computed at once, extended as the archive grew, or
 * computed afresh after the window slid. Not bit for bit: EJML's Cholesky of the diagonal blocks
 * multiplies by the reciprocal of the diagonal where the reference divides by it, and the scores
 * differ from the reference's by up to about 2e-12 relative (the most on posterior means near
 * zero, where the sum cancels). A regressor that extended its factor still gives bit for bit what
 * a fresh regressor gives.
 */
class GaussianProcessEquivalenceTest {
  private static final int EDGES = 6;
  private static final int OPS = 5;
  private static final int PROXIES = 2;
  private static final int TASKS = 3;
  /** Rows: a one-hot of 6 edges x 5 ops, two proxy columns, a 3-task one-hot, 3 cross-task columns. */
  private static final FeatureLayout LAYOUT = new FeatureLayout(EDGES * OPS, EDGES * OPS + PROXIES, TASKS);

  private static final List<Settings> SETTINGS = List.of(
      Settings.defaults(),
      Settings.defaults().withScoring(Scoring.MEAN),
      new Settings(0.7, 0.3, 0.4, 600, Scoring.EXPECTED_IMPROVEMENT),
      new Settings(2.5, 0.05, 1.0, 600, Scoring.MEAN));

  /** A random row; binary embeddings are one-hot cells, the others real-valued. */
  private static double[] row(SplittableRandom rng, int task, boolean binary) {
    double[] r = new double[EDGES * OPS + PROXIES + 2 * TASKS];
    for (int e = 0; e < EDGES; e++) {
      if (binary) {
        r[e * OPS + rng.nextInt(OPS)] = 1;
      } else {
        for (int o = 0; o < OPS; o++) {
          r[e * OPS + o] = rng.nextInt(3) == 0 ? 0 : rng.nextDouble() * 2 - 0.5;
        }
      }
    }
    r[EDGES * OPS] = rng.nextGaussian();
    r[EDGES * OPS + 1] = rng.nextInt(5) == 0 ? Double.NaN : rng.nextGaussian();
    r[EDGES * OPS + PROXIES + task] = 1;
    for (int t = 0; t < TASKS; t++) {
      r[EDGES * OPS + PROXIES + TASKS + t] = t == task || rng.nextBoolean() ? Double.NaN : rng.nextGaussian();
    }
    return r;
  }

  /** An archive of n results over three tasks, targets smooth in the cell plus noise, with ties. */
  private static TrainingSet archive(long seed, int n, boolean binary) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] rows = new double[n][];
    double[] targets = new double[n];
    for (int i = 0; i < n; i++) {
      int task = rng.nextInt(4) == 0 ? rng.nextInt(TASKS) : i % TASKS;
      rows[i] = row(rng, task, binary);
      double f = 0;
      for (int c = 0; c < EDGES * OPS; c++) {
        f += rows[i][c] * ((c % OPS) - 2) * (1 + c / OPS);
      }
      targets[i] = rng.nextInt(10) == 0 ? Math.round(f) : f + rng.nextGaussian();
    }
    double[] weights = new double[n];
    Arrays.fill(weights, 1);
    return new TrainingSet(rows, targets, weights, LAYOUT);
  }

  private static TrainingSet prefix(TrainingSet set, int n) {
    return new TrainingSet(Arrays.copyOf(set.rows(), n), Arrays.copyOf(set.targets(), n),
        Arrays.copyOf(set.weights(), n), set.layout());
  }

  /** More candidates than one panel, on every task. */
  private static double[][] candidates(long seed, boolean binary) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] rows = new double[2 * GaussianProcessRegressor.PANEL + 37][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = row(rng, i % TASKS, binary);
    }
    return rows;
  }

  /** Relative tolerance on each score against the reference. */
  private static final double TOLERANCE = 1e-9;

  /**
   * Within {@link #TOLERANCE} (relative) of the reference's scores, and ranking every two candidates
   * as the reference does wherever the reference's scores differ by more than that tolerance.
   */
  private static void assertEquivalent(double[] actual, double[] expected, String what) {
    assertThat(actual).as(what).hasSameSizeAs(expected);
    for (int i = 0; i < actual.length; i++) {
      assertThat(actual[i]).as("%s, candidate %d against the reference", what, i)
          .isCloseTo(expected[i], within(TOLERANCE * Math.abs(expected[i])));
    }
    for (int i = 0; i < actual.length; i++) {
      for (int j = 0; j < actual.length; j++) {
        double gap = expected[i] - expected[j];
        if (gap > TOLERANCE * Math.max(Math.abs(expected[i]), Math.abs(expected[j]))) {
          assertThat(actual[i]).as("%s, candidate %d ranked above %d as by the reference", what, i, j)
              .isGreaterThan(actual[j]);
        }
      }
    }
  }

  private static void assertBitForBit(double[] actual, double[] expected, String what) {
    assertThat(actual).as(what).hasSameSizeAs(expected);
    for (int i = 0; i < actual.length; i++) {
      assertThat(Double.doubleToRawLongBits(actual[i])).as("%s, candidate %d", what, i)
          .isEqualTo(Double.doubleToRawLongBits(expected[i]));
    }
  }

  @Test
  void scoresMatchTheReferenceForOneHotAndRealValuedEmbeddings() {
    for (boolean binary : new boolean[] {true, false}) {
      double[][] pool = candidates(11, binary);
      for (Settings settings : SETTINGS) {
        for (int n : new int[] {2, 5, BlockCholesky.BLOCK, BlockCholesky.BLOCK + 1, 200, 600}) {
          TrainingSet set = archive(n, n, binary);
          String what = (binary ? "one-hot" : "real") + ", " + settings + ", " + n + " rows";
          assertEquivalent(new GaussianProcessRegressor(settings).fit(set).predict(pool),
              new ReferenceGaussianProcess(settings).fit(set).predict(pool), what);
        }
      }
    }
  }

  @Test
  void aGrowingArchiveExtendsTheFactorAndScoresAsAFreshFit() {
    for (boolean binary : new boolean[] {true, false}) {
      TrainingSet all = archive(21, 520, binary);
      double[][] pool = candidates(22, binary);
      for (Settings settings : List.of(Settings.defaults(), new Settings(0.7, 0.3, 0.4, 600, Scoring.MEAN))) {
        GaussianProcessRegressor growing = new GaussianProcessRegressor(settings);
        for (int n : new int[] {3, 10, 63, 64, 65, 66, 100, 128, 129, 200, 201, 333, 400, 450, 519, 520}) {
          TrainingSet set = prefix(all, n);
          String what = (binary ? "one-hot" : "real") + ", " + settings + ", grown to " + n;
          double[] grown = growing.fit(set).predict(pool);
          assertBitForBit(grown, new GaussianProcessRegressor(settings).fit(set).predict(pool), what);
          assertEquivalent(grown, new ReferenceGaussianProcess(settings).fit(set).predict(pool), what);
        }
      }
    }
  }

  @Test
  void aSlidingWindowRefactorsAndScoresAsAFreshFit() {
    Settings window = new Settings(1.0, 1.0, 0.7, 150, Scoring.EXPECTED_IMPROVEMENT);
    TrainingSet all = archive(31, 700, true);
    double[][] pool = candidates(32, true);
    GaussianProcessRegressor sliding = new GaussianProcessRegressor(window);
    // below the window, filling it, sliding by one, by a block, by more than the window; then back
    for (int n : new int[] {40, 149, 150, 151, 152, 216, 400, 700, 300, 301}) {
      TrainingSet set = prefix(all, n);
      String what = "window of 150, archive " + n;
      double[] slid = sliding.fit(set).predict(pool);
      assertBitForBit(slid, new GaussianProcessRegressor(window).fit(set).predict(pool), what);
      assertEquivalent(slid, new ReferenceGaussianProcess(window).fit(set).predict(pool), what);
    }
  }

  @Test
  void earlierModelsAreUnchangedByLaterFitsAndOtherArchivesShareNothing() {
    Settings settings = Settings.defaults();
    GaussianProcessRegressor regressor = new GaussianProcessRegressor(settings);
    double[][] pool = candidates(41, true);
    TrainingSet a = archive(42, 300, true);
    TrainingSet b = archive(43, 260, true);
    Model small = regressor.fit(prefix(a, 130));
    double[] before = small.predict(pool);
    Model large = regressor.fit(a);
    Model other = regressor.fit(b);
    Model again = regressor.fit(prefix(a, 130));
    assertBitForBit(small.predict(pool), before, "an earlier model after later fits");
    assertBitForBit(again.predict(pool), before, "the same archive refitted");
    assertBitForBit(large.predict(pool), new GaussianProcessRegressor(settings).fit(a).predict(pool), "archive a");
    assertBitForBit(other.predict(pool), new GaussianProcessRegressor(settings).fit(b).predict(pool), "archive b");
    assertEquivalent(other.predict(pool), new ReferenceGaussianProcess(settings).fit(b).predict(pool), "archive b");
  }

  @Test
  void theSameRowsWithOtherTargetsReuseTheFactorButNotTheMeans() {
    Settings settings = Settings.defaults();
    TrainingSet set = archive(51, 200, true);
    double[] reversed = Arrays.stream(set.targets()).map(t -> -t).toArray();
    TrainingSet flipped = new TrainingSet(set.rows(), reversed, set.weights(), LAYOUT);
    double[][] pool = candidates(52, true);
    GaussianProcessRegressor regressor = new GaussianProcessRegressor(settings);
    regressor.fit(set);
    assertEquivalent(regressor.fit(flipped).predict(pool),
        new ReferenceGaussianProcess(settings).fit(flipped).predict(pool), "flipped targets");
  }
}
