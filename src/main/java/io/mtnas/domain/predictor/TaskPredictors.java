package io.mtnas.domain.predictor;

import io.mtnas.domain.evaluation.Direction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Trains one task's performance predictor from observations: fitness standardised per task (and
 * negated for tasks that minimise) so that every task's results, with the task one-hot, teach one
 * model; the target's rows weigh more. Pure: the same observations give the same model.
 */
public final class TaskPredictors {
  private TaskPredictors() {}

  /**
   * @param directions each task's direction, by task name
   * @return empty when there is nothing to learn from yet
   */
  public static Optional<TaskModel> train(
      String target,
      List<Observation> observations,
      Map<String, Direction> directions,
      FeatureMap features,
      Regressor regressor,
      PredictorSettings settings) {
    Map<String, double[]> moments = moments(observations);
    long own = observations.stream().filter(o -> o.task().equals(target)).count();
    if (own < settings.minimumOwnResults() && !settings.useOtherTasks()) {
      return Optional.empty();
    }
    CrossTaskValues cross = settings.useOtherTasks()
        ? CrossTaskValues.of(observations, o -> standardised(o, moments, directions))
        : CrossTaskValues.none();
    // the observations that teach, the newest the regressor will use (moments and cross values
    // above still come from all of them)
    List<Observation> teaching = new ArrayList<>();
    for (var it = observations.listIterator(observations.size()); it.hasPrevious()
        && teaching.size() < regressor.rowLimit(); ) {
      Observation o = it.previous();
      if (settings.useOtherTasks() || o.task().equals(target)) {
        teaching.add(o);
      }
    }
    Collections.reverse(teaching);
    List<double[]> rows = new ArrayList<>();
    List<Double> targets = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    for (Observation o : teaching) {
      boolean mine = o.task().equals(target);
      rows.add(features.row(o.task(), o.architecture(), cross));
      targets.add(standardised(o, moments, directions));
      weights.add(mine ? 1.0 : settings.otherTaskWeight());
    }
    if (rows.size() < 2) {
      return Optional.empty();
    }
    TrainingSet set = new TrainingSet(
        rows.toArray(double[][]::new),
        targets.stream().mapToDouble(Double::doubleValue).toArray(),
        weights.stream().mapToDouble(Double::doubleValue).toArray(),
        features.layout());
    return Optional.of(new TaskModel(target, regressor.fit(set), cross));
  }

  private static double standardised(Observation o, Map<String, double[]> moments, Map<String, Direction> directions) {
    double[] m = moments.get(o.task());
    double z = m[1] > 0 ? (o.fitness() - m[0]) / m[1] : 0;
    return directions.get(o.task()) == Direction.MIN ? -z : z;
  }


  /** Mean and standard deviation of fitness per task. */
  static Map<String, double[]> moments(List<Observation> observations) {
    Map<String, double[]> sums = new HashMap<>();
    for (Observation o : observations) {
      double[] s = sums.computeIfAbsent(o.task(), k -> new double[3]);
      s[0]++;
      s[1] += o.fitness();
      s[2] += o.fitness() * o.fitness();
    }
    Map<String, double[]> out = new HashMap<>();
    sums.forEach((task, s) -> {
      double mean = s[1] / s[0];
      double var = Math.max(0, s[2] / s[0] - mean * mean);
      out.put(task, new double[] {mean, Math.sqrt(var)});
    });
    return out;
  }
}
