package io.mtnas.adapter.predictor;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtnas.domain.predictor.Model;
import io.mtnas.domain.predictor.RankCorrelation;
import io.mtnas.domain.predictor.TrainingSet;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class XgboostRegressorTest {
  private static final int FEATURES = 8;

  /** y = x0 + x1 + x2 plus a little noise; the other five features are noise. */
  private static double target(double[] row, SplittableRandom rng) {
    return nanToZero(row[0]) + nanToZero(row[1]) + nanToZero(row[2]) + 0.05 * rng.nextGaussian();
  }

  private static double nanToZero(double v) {
    return Double.isNaN(v) ? 0 : v;
  }

  private static double[][] rows(SplittableRandom rng, int n, double missing) {
    double[][] rows = new double[n][FEATURES];
    for (double[] row : rows) {
      for (int j = 0; j < FEATURES; j++) {
        row[j] = rng.nextDouble() < missing ? Double.NaN : rng.nextDouble();
      }
    }
    return rows;
  }

  private static TrainingSet set(double[][] rows, SplittableRandom rng) {
    double[] y = Arrays.stream(rows).mapToDouble(r -> target(r, rng)).toArray();
    double[] w = new double[rows.length];
    Arrays.fill(w, 1.0);
    return new TrainingSet(rows, y, w);
  }

  @Test
  void kendallTauOfTheHelper() {
    assertThat(RankCorrelation.kendallTauA(new double[] {1, 2, 3}, new double[] {10, 20, 30})).isEqualTo(1.0);
    assertThat(RankCorrelation.kendallTauA(new double[] {1, 2, 3}, new double[] {3, 2, 1})).isEqualTo(-1.0);
    assertThat(RankCorrelation.kendallTauA(new double[] {1, 2, 3, 4}, new double[] {1, 2, 4, 3})).isEqualTo(4.0 / 6);
  }

  @Test
  void ranksHeldOutRowsOfALearnableTarget() {
    SplittableRandom rng = new SplittableRandom(1);
    TrainingSet train = set(rows(rng, 300, 0), rng);
    double[][] test = rows(rng, 150, 0);
    double[] truth = Arrays.stream(test).mapToDouble(r -> r[0] + r[1] + r[2]).toArray();
    Model model = new XgboostRegressor(XgboostRegressor.Settings.defaults()).fit(train);
    double[] predicted = model.predict(test);
    assertThat(predicted).hasSize(150);
    assertThat(RankCorrelation.kendallTauA(predicted, truth)).isGreaterThan(0.6);
  }

  @Test
  void theSameDataGiveIdenticalPredictions() {
    SplittableRandom rng = new SplittableRandom(2);
    TrainingSet train = set(rows(rng, 200, 0.1), rng);
    double[][] test = rows(rng, 100, 0.1);
    XgboostRegressor.Settings subsampled = new XgboostRegressor.Settings(60, 4, 0.1, 0.7, 1.0, 5);
    double[] first = new XgboostRegressor(subsampled).fit(train).predict(test);
    double[] second = new XgboostRegressor(subsampled).fit(train).predict(test);
    assertThat(second).isEqualTo(first);
    // and one model asked twice answers the same
    Model model = new XgboostRegressor(subsampled).fit(train);
    assertThat(model.predict(test)).isEqualTo(model.predict(test)).isEqualTo(first);
  }

  @Test
  void missingFeaturesAreAcceptedAndStillLearned() {
    SplittableRandom rng = new SplittableRandom(3);
    TrainingSet train = set(rows(rng, 400, 0.2), rng);
    double[][] test = rows(rng, 150, 0.2);
    double[] truth = Arrays.stream(test).mapToDouble(r -> nanToZero(r[0]) + nanToZero(r[1]) + nanToZero(r[2])).toArray();
    double[] predicted = new XgboostRegressor(XgboostRegressor.Settings.defaults()).fit(train).predict(test);
    assertThat(predicted).hasSize(150);
    for (double p : predicted) {
      assertThat(p).isFinite();
    }
    assertThat(RankCorrelation.kendallTauA(predicted, truth)).isGreaterThan(0.6);
    // a row that is missing everything still gets a finite score
    double[][] blank = new double[1][FEATURES];
    Arrays.fill(blank[0], Double.NaN);
    assertThat(new XgboostRegressor(XgboostRegressor.Settings.defaults()).fit(train).predict(blank)[0]).isFinite();
  }

  @Test
  void rowWeightsShiftTheFit() {
    // two clusters of identical rows with different targets: the heavier one pulls the prediction
    double[][] rows = new double[20][1];
    double[] y = new double[20];
    double[] w = new double[20];
    for (int i = 0; i < 20; i++) {
      rows[i][0] = 1.0;
      y[i] = i < 10 ? 0.0 : 1.0;
      w[i] = i < 10 ? 1.0 : 0.1;
    }
    double[] p = new XgboostRegressor(XgboostRegressor.Settings.defaults())
        .fit(new TrainingSet(rows, y, w))
        .predict(new double[][] {{1.0}});
    assertThat(p[0]).isLessThan(0.3);
  }

  @Test
  void noRowsNoPredictions() {
    SplittableRandom rng = new SplittableRandom(4);
    Model model = new XgboostRegressor(XgboostRegressor.Settings.defaults()).fit(set(rows(rng, 20, 0), rng));
    assertThat(model.predict(new double[0][])).isEmpty();
    assertThat(new XgboostRegressor(XgboostRegressor.Settings.defaults()).id()).isEqualTo("xgboost");
  }
}
