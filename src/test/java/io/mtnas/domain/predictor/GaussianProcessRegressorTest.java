package io.mtnas.domain.predictor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mtnas.domain.predictor.GaussianProcessRegressor.Scoring;
import io.mtnas.domain.predictor.GaussianProcessRegressor.Settings;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussianProcessRegressorTest {
  private static final int EDGES = 6;
  private static final int OPS = 4;
  /** Rows: a one-hot of 6 edges x 4 ops, then a 2-task one-hot. */
  private static final FeatureLayout LAYOUT = new FeatureLayout(EDGES * OPS, EDGES * OPS, 2);

  private static double[] row(int[] ops, int task) {
    double[] r = new double[EDGES * OPS + 2];
    for (int e = 0; e < EDGES; e++) {
      r[e * OPS + ops[e]] = 1;
    }
    r[EDGES * OPS + task] = 1;
    return r;
  }

  /** A smooth fitness: each edge's op adds its own amount. */
  private static double fitness(int[] ops) {
    double f = 0;
    for (int e = 0; e < EDGES; e++) {
      f += ops[e] * (e + 1);
    }
    return f;
  }

  private static int[] randomCell(SplittableRandom rng) {
    int[] ops = new int[EDGES];
    for (int e = 0; e < EDGES; e++) {
      ops[e] = rng.nextInt(OPS);
    }
    return ops;
  }

  private static int[][] randomCells(SplittableRandom rng, int n) {
    int[][] cells = new int[n][];
    for (int i = 0; i < n; i++) {
      cells[i] = randomCell(rng);
    }
    return cells;
  }

  private static double[] fitnesses(int[][] cells) {
    return Arrays.stream(cells).mapToDouble(GaussianProcessRegressorTest::fitness).toArray();
  }

  private static TrainingSet set(int[][] cells, int[] tasks, double[] targets) {
    double[][] rows = new double[cells.length][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = row(cells[i], tasks[i]);
    }
    double[] w = new double[rows.length];
    Arrays.fill(w, 1);
    return new TrainingSet(rows, targets, w, LAYOUT);
  }

  private static Settings mean(double taskCorrelation) {
    return new Settings(1.0, 0.5, taskCorrelation, 600, Scoring.MEAN);
  }

  @Test
  void itsMeanRanksHeldOutCellsOfASmoothLandscape() {
    SplittableRandom rng = new SplittableRandom(1);
    int n = 80;
    int[][] cells = randomCells(rng, n);
    double[] y = fitnesses(cells);
    Model model = new GaussianProcessRegressor(mean(0.7)).fit(set(cells, new int[n], y));
    double[][] held = new double[200][];
    double[] truth = new double[held.length];
    for (int i = 0; i < held.length; i++) {
      int[] c = randomCell(rng);
      held[i] = row(c, 0);
      truth[i] = fitness(c);
    }
    assertThat(RankCorrelation.spearman(model.predict(held), truth)).isGreaterThan(0.8);
  }

  /** Cells only the other task measured are predicted in that task's order, unless the tasks are uncorrelated. */
  @Test
  void theTaskCorrelationCarriesTheOtherTasksResults() {
    SplittableRandom rng = new SplittableRandom(2);
    int n = 60;
    int[][] cells = randomCells(rng, n);
    double[] y = fitnesses(cells);
    int[] tasks = new int[n];
    Arrays.fill(tasks, 5, n, 1); // five results of task 0, the rest of task 1
    double[][] onTaskZero = Arrays.stream(cells).skip(5).map(c -> row(c, 0)).toArray(double[][]::new);
    double[] truth = fitnesses(Arrays.copyOfRange(cells, 5, n));

    double[] correlated = new GaussianProcessRegressor(mean(0.7)).fit(set(cells, tasks, y)).predict(onTaskZero);
    assertThat(RankCorrelation.spearman(correlated, truth)).isGreaterThan(0.8);

    double[] independent = new GaussianProcessRegressor(mean(0)).fit(set(cells, tasks, y)).predict(onTaskZero);
    assertThat(RankCorrelation.spearman(independent, truth)).isLessThan(0.6);
  }

  @Test
  void expectedImprovementPrefersTheNeighbourhoodOfTheBestOverThatOfTheWorst() {
    int[][] cells = {{3, 3, 3, 3, 3, 3}, {0, 0, 0, 0, 0, 0}, {1, 2, 1, 2, 1, 2}, {2, 1, 2, 1, 2, 1}};
    double[] y = {10, 0, 5, 5};
    Model model = new GaussianProcessRegressor(Settings.defaults()).fit(set(cells, new int[4], y));
    double[] scores = model.predict(new double[][] {row(new int[] {3, 3, 3, 3, 3, 2}, 0),
        row(new int[] {0, 0, 0, 0, 0, 1}, 0)});
    assertThat(scores[0]).isGreaterThan(scores[1]);
    assertThat(scores[1]).isPositive(); // improvement is never ruled out
  }

  @Test
  void normalScoresRankWithinEachTaskAndTiesShareAScore() {
    double[] scores = GaussianProcessRegressor.normalScores(
        new double[] {1, 5, 3, 3, 100, -100}, new int[] {0, 0, 0, 0, 1, 1}, 2);
    assertThat(scores[2]).isEqualTo(scores[3]).isCloseTo(0, within(1e-9));
    assertThat(scores[1]).isCloseTo(-scores[0], within(1e-9)).isGreaterThan(0);
    assertThat(scores[4]).isCloseTo(-scores[5], within(1e-9)).isCloseTo(Normal.quantile(0.75), within(1e-9));
  }

  @Test
  void onlyTheNewestRowsAreKept() {
    int[][] cells = {{0, 1, 2, 3, 0, 1}, {3, 3, 3, 3, 3, 3}, {0, 0, 0, 0, 0, 0}};
    Settings two = new Settings(1.0, 0.5, 0.7, 2, Scoring.MEAN);
    double[][] probe = {row(cells[0], 0), row(cells[1], 0)};
    double[] all = new GaussianProcessRegressor(two).fit(set(cells, new int[3], new double[] {50, 1, 0}))
        .predict(probe);
    double[] newest = new GaussianProcessRegressor(two)
        .fit(set(Arrays.copyOfRange(cells, 1, 3), new int[2], new double[] {1, 0})).predict(probe);
    assertThat(all).containsExactly(newest, within(1e-12));
  }

  @Test
  void badSettingsAreNamed() {
    assertThatThrownBy(() -> new Settings(0, 0.5, 0.7, 600, Scoring.MEAN)).hasMessageContaining("length scale 0.0");
    assertThatThrownBy(() -> new Settings(1, 0.5, 1.5, 600, Scoring.MEAN)).hasMessageContaining("task correlation 1.5");
    assertThatThrownBy(() -> new Settings(1, 0.5, 0.7, 1, Scoring.MEAN)).hasMessageContaining("max rows 1");
  }
}
