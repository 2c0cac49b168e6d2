package io.mtnas.domain.predictor;

import static io.mtnas.domain.predictor.Rows.INDEX_EMBEDDER;
import static io.mtnas.domain.predictor.Rows.assertRow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mtnas.domain.evaluation.Direction;
import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.space.SearchSpace;
import io.mtnas.domain.space.SearchSpaces;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TaskPredictorsTest {
  private static final SearchSpace NB201 = SearchSpaces.nb201();
  private static final double NAN = Double.NaN;
  private static final Map<String, Direction> DIRECTIONS = Map.of("a", Direction.MAX, "b", Direction.MIN, "c", Direction.MAX);
  private static final FeatureMap FEATURES =
      new FeatureMap(INDEX_EMBEDDER, ProxySource.NONE, List.of(), List.of("a", "b", "c"));
  /** Column layout: 0-1 embedding, 2-4 task one-hot, 5-7 cross values of a, b, c. */
  private static final int CROSS_B = 6;

  private static final Architecture X0 = NB201.fromIndex(10);
  private static final Architecture X1 = NB201.fromIndex(11);
  private static final Architecture X2 = NB201.fromIndex(12);
  private static final Architecture X3 = NB201.fromIndex(13);
  /** sqrt(3/2): the z-score of 1 and 3 among {1, 2, 3}. */
  private static final double Z = Math.sqrt(1.5);

  private static List<Observation> twoTasks() {
    return List.of(
        new Observation(1, "a", X0, 1.0),
        new Observation(2, "b", X0, 10.0),
        new Observation(3, "a", X1, 2.0),
        new Observation(4, "b", X1, 20.0),
        new Observation(5, "a", X2, 3.0),
        new Observation(6, "b", X3, 30.0));
  }

  private static PredictorSettings settings(boolean others, double weight, int minimumOwn) {
    return new PredictorSettings(others, weight, minimumOwn);
  }

  @Test
  void targetsAreStandardisedPerTaskAndNegatedWhereATaskMinimises() {
    Rows.RecordingRegressor regressor = new Rows.RecordingRegressor(0);
    Optional<TaskModel> model =
        TaskPredictors.train("a", twoTasks(), DIRECTIONS, FEATURES, regressor, settings(true, 0.5, 0));
    assertThat(model).isPresent();
    assertThat(model.get().target()).isEqualTo("a");
    TrainingSet set = regressor.last();
    assertThat(set.size()).isEqualTo(6);
    // a (max): 1, 2, 3 -> -z, 0, z; b (min): 10, 20, 30 -> z, 0, -z
    double[] expected = {-Z, Z, 0, 0, Z, -Z};
    for (int i = 0; i < expected.length; i++) {
      assertThat(set.targets()[i]).as("target %d", i).isCloseTo(expected[i], within(1e-12));
    }
    assertThat(set.weights()).containsExactly(1.0, 0.5, 1.0, 0.5, 1.0, 0.5);
  }

  @Test
  void rowsCarryTheirOwnTaskAndTheOtherTasksStandardisedValues() {
    Rows.RecordingRegressor regressor = new Rows.RecordingRegressor(0);
    TaskPredictors.train("a", twoTasks(), DIRECTIONS, FEATURES, regressor, settings(true, 0.5, 0));
    double[][] rows = regressor.last().rows();
    // a's row of X0: one-hot a, a's own value missing, b's value of X0 (10 -> z after negation)
    assertRow(rows[0], X0.index(), 0, 1, 0, 0, NAN, Z, NAN);
    // b's row of X0: one-hot b, a's value of X0 (-z), its own missing
    assertRow(rows[1], X0.index(), 0, 0, 1, 0, -Z, NAN, NAN);
    assertRow(rows[4], X2.index(), 0, 1, 0, 0, NAN, NAN, NAN);
    assertRow(rows[5], X3.index(), 0, 0, 1, 0, NAN, NAN, NAN);
  }

  @Test
  void theTrainedModelScoresWithTheCrossValuesItWasTrainedWith() {
    Rows.RecordingRegressor regressor = new Rows.RecordingRegressor(CROSS_B);
    TaskModel model =
        TaskPredictors.train("a", twoTasks(), DIRECTIONS, FEATURES, regressor, settings(true, 0.5, 0)).orElseThrow();
    // the fake model answers b's standardised value of each candidate
    double[] scores = model.score(List.of(X3, X1, NB201.fromIndex(99)), FEATURES);
    assertThat(scores[0]).isCloseTo(-Z, within(1e-12));
    assertThat(scores[1]).isCloseTo(0, within(1e-12));
    assertThat(scores[2]).isNaN();
  }

  /**
   * No spread, no signal: every target equal and (up to the rounding of the one-pass variance,
   * which leaves about 1e-8 instead of an exact 0) zero.
   */
  @Test
  void aTaskWithConstantFitnessStandardisesToZero() {
    Rows.RecordingRegressor regressor = new Rows.RecordingRegressor(0);
    List<Observation> flat = List.of(
        new Observation(1, "c", X0, 0.7), new Observation(2, "c", X1, 0.7), new Observation(3, "c", X2, 0.7));
    TaskPredictors.train("c", flat, DIRECTIONS, FEATURES, regressor, settings(true, 0.5, 0));
    double[] targets = regressor.last().targets();
    assertThat(targets).hasSize(3).containsOnly(targets[0]);
    assertThat(targets[0]).isCloseTo(0.0, within(1e-6));
  }

  @Test
  void withoutOtherTasksOnlyTheTargetsRowsTeachAndNoCrossValuesAreUsed() {
    Rows.RecordingRegressor regressor = new Rows.RecordingRegressor(0);
    TaskModel model =
        TaskPredictors.train("b", twoTasks(), DIRECTIONS, FEATURES, regressor, settings(false, 0.5, 0)).orElseThrow();
    TrainingSet set = regressor.last();
    assertThat(set.size()).isEqualTo(3);
    assertThat(set.weights()).containsExactly(1.0, 1.0, 1.0);
    assertThat(set.targets()[0]).isCloseTo(Z, within(1e-12));
    assertThat(set.targets()[2]).isCloseTo(-Z, within(1e-12));
    for (double[] row : set.rows()) {
      assertThat(row[3]).isEqualTo(1.0); // one-hot b
      assertThat(row[5]).isNaN();
      assertThat(row[6]).isNaN();
      assertThat(row[7]).isNaN();
    }
    assertThat(model.cross().value("a", X0)).isNaN();
  }

  @Test
  void withoutOtherTasksFewerThanTwoOwnResultsGiveNoModel() {
    Rows.RecordingRegressor regressor = new Rows.RecordingRegressor(0);
    List<Observation> oneOwn = new ArrayList<>(twoTasks().stream().filter(o -> o.task().equals("b")).toList());
    oneOwn.add(new Observation(7, "c", X0, 1.0));
    assertThat(TaskPredictors.train("c", oneOwn, DIRECTIONS, FEATURES, regressor, settings(false, 0.5, 0))).isEmpty();
    assertThat(TaskPredictors.train("c", twoTasks(), DIRECTIONS, FEATURES, regressor, settings(false, 0.5, 0)))
        .isEmpty();
    assertThat(regressor.sets).isEmpty();
    // the same data with the other tasks allowed does train
    assertThat(TaskPredictors.train("c", oneOwn, DIRECTIONS, FEATURES, regressor, settings(true, 0.25, 0))).isPresent();
    assertThat(regressor.last().weights()).containsExactly(0.25, 0.25, 0.25, 1.0);
  }

  @Test
  void belowTheMinimumOfOwnResultsATaskLearnsFromTheOthersOnlyIfAllowed() {
    Rows.RecordingRegressor regressor = new Rows.RecordingRegressor(0);
    assertThat(TaskPredictors.train("a", twoTasks(), DIRECTIONS, FEATURES, regressor, settings(false, 0.5, 4)))
        .isEmpty();
    assertThat(regressor.sets).isEmpty();
    assertThat(TaskPredictors.train("a", twoTasks(), DIRECTIONS, FEATURES, regressor, settings(false, 0.5, 3)))
        .isPresent();
    assertThat(TaskPredictors.train("a", twoTasks(), DIRECTIONS, FEATURES, regressor, settings(true, 0.5, 4)))
        .isPresent();
  }

  @Test
  void nothingToLearnFromGivesNoModel() {
    Rows.RecordingRegressor regressor = new Rows.RecordingRegressor(0);
    assertThat(TaskPredictors.train("a", List.of(), DIRECTIONS, FEATURES, regressor, settings(true, 0.5, 0))).isEmpty();
    assertThat(TaskPredictors.train(
        "a", List.of(new Observation(1, "b", X0, 1.0)), DIRECTIONS, FEATURES, regressor, settings(true, 0.5, 0)))
        .isEmpty();
    assertThat(regressor.sets).isEmpty();
  }

  @Test
  void theSameObservationsGiveTheSameTrainingSet() {
    SplittableRandom rng = new SplittableRandom(5);
    List<Observation> observations = new ArrayList<>();
    String[] tasks = {"a", "b", "c"};
    for (int s = 1; s <= 60; s++) {
      observations.add(new Observation(s, tasks[rng.nextInt(3)], NB201.fromIndex(rng.nextInt(200)), rng.nextDouble()));
    }
    Rows.RecordingRegressor regressor = new Rows.RecordingRegressor(0);
    TaskPredictors.train("b", observations, DIRECTIONS, FEATURES, regressor, PredictorSettings.defaults());
    TaskPredictors.train("b", List.copyOf(observations), DIRECTIONS, FEATURES, regressor, PredictorSettings.defaults());
    TrainingSet first = regressor.sets.get(0);
    TrainingSet second = regressor.sets.get(1);
    assertThat(second.targets()).isEqualTo(first.targets());
    assertThat(second.weights()).isEqualTo(first.weights());
    assertThat(second.rows()).hasSameDimensionsAs(first.rows());
    for (int i = 0; i < first.size(); i++) {
      assertRow(second.rows()[i], first.rows()[i]);
    }
  }

  /** A regressor that learns from the newest 7 rows is given only those, built as the full set's. */
  @Test
  void aRegressorWithARowLimitGetsOnlyTheNewestRows() {
    SplittableRandom rng = new SplittableRandom(6);
    List<Observation> observations = new ArrayList<>();
    String[] tasks = {"a", "b", "c"};
    for (int s = 1; s <= 40; s++) {
      observations.add(new Observation(s, tasks[rng.nextInt(3)], NB201.fromIndex(rng.nextInt(20)), rng.nextDouble()));
    }
    for (boolean others : new boolean[] {true, false}) {
      PredictorSettings settings = settings(others, 0.5, 0);
      Rows.RecordingRegressor all = new Rows.RecordingRegressor(0);
      Rows.RecordingRegressor newest = new Rows.RecordingRegressor(0, 7);
      TaskPredictors.train("b", observations, DIRECTIONS, FEATURES, all, settings);
      TaskPredictors.train("b", observations, DIRECTIONS, FEATURES, newest, settings);
      TrainingSet full = all.last();
      TrainingSet limited = newest.last();
      int skipped = full.size() - 7;
      assertThat(limited.size()).isEqualTo(7);
      for (int i = 0; i < 7; i++) {
        assertRow(limited.rows()[i], full.rows()[skipped + i]);
        assertThat(limited.targets()[i]).isEqualTo(full.targets()[skipped + i]);
        assertThat(limited.weights()[i]).isEqualTo(full.weights()[skipped + i]);
      }
    }
  }

  @Test
  void momentsArePopulationMeanAndStandardDeviationPerTask() {
    Map<String, double[]> m = TaskPredictors.moments(twoTasks());
    assertThat(m.get("a")[0]).isCloseTo(2.0, within(1e-12));
    assertThat(m.get("a")[1]).isCloseTo(Math.sqrt(2.0 / 3), within(1e-12));
    assertThat(m.get("b")[0]).isCloseTo(20.0, within(1e-12));
    assertThat(m).doesNotContainKey("c");
  }

  @Test
  void settingsAndTrainingSetsValidate() {
    assertThatThrownBy(() -> new PredictorSettings(true, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PredictorSettings(true, 1.5, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PredictorSettings(true, Double.NaN, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PredictorSettings(true, 0.5, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new PredictorSettings(true, 1.0, 0).otherTaskWeight()).isEqualTo(1.0);
    assertThatThrownBy(() -> new TrainingSet(new double[2][1], new double[2], new double[1]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TrainingSet(new double[2][1], new double[1], new double[2]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
