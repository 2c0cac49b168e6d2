package io.mtnas.domain.predictor;

import io.mtnas.domain.space.Architecture;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What every task measured for the architectures it evaluated, standardised per task (and negated
 * where a task minimises), so "this architecture scored high on CIFAR-100" can be an input of the
 * ImageNet predictor. A task's own value is never an input of its own row.
 */
public final class CrossTaskValues {
  private final Map<String, Map<Architecture, Double>> byTask;

  private CrossTaskValues(Map<String, Map<Architecture, Double>> byTask) {
    this.byTask = byTask;
  }

  public static CrossTaskValues none() {
    return new CrossTaskValues(Map.of());
  }

  /** @param standardised observation -> its standardised fitness, per the predictor's rule */
  static CrossTaskValues of(List<Observation> observations, java.util.function.ToDoubleFunction<Observation> standardised) {
    Map<String, Map<Architecture, Double>> byTask = new HashMap<>();
    for (Observation o : observations) {
      byTask.computeIfAbsent(o.task(), t -> new HashMap<>()).put(o.architecture(), standardised.applyAsDouble(o));
    }
    return new CrossTaskValues(byTask);
  }

  /** The task's standardised value of the architecture, NaN when it was not evaluated there. */
  public double value(String task, Architecture architecture) {
    Map<Architecture, Double> m = byTask.get(task);
    Double v = m == null ? null : m.get(architecture);
    return v == null ? Double.NaN : v;
  }
}
