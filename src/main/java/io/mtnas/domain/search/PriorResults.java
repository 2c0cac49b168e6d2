package io.mtnas.domain.search;

import io.mtnas.domain.evaluation.Direction;
import io.mtnas.domain.predictor.Observation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What earlier, finished searches evaluated, for a search that starts from them ({@code
 * warm_from}): their results as the shared predictor and the arbiter read them, each under a task
 * name of its own ({@code <first 8 characters of the search id>/<task>}), with its direction. The
 * service reads them from its catalog, which keeps them as long as a search starts from them.
 */
public record PriorResults(List<Observation> observations, Map<String, Direction> directions) {
  private static final PriorResults NONE = new PriorResults(List.of(), Map.of());

  public PriorResults {
    observations = List.copyOf(observations);
    directions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(directions));
    for (Observation o : observations) {
      if (!directions.containsKey(o.task())) {
        throw new IllegalArgumentException("earlier result of task " + o.task() + " has no direction");
      }
    }
  }

  public static PriorResults none() {
    return NONE;
  }

  public boolean isEmpty() {
    return observations.isEmpty();
  }

  /** The earlier tasks, in order. */
  public List<String> tasks() {
    return List.copyOf(directions.keySet());
  }

  /** The name an earlier search's task takes here. */
  public static String taskName(String searchId, String task) {
    return searchId.substring(0, Math.min(8, searchId.length())) + "/" + task;
  }

  /** These results first, then {@code data} (a question's results up to its "as of"). */
  public List<Observation> before(List<Observation> data) {
    if (observations.isEmpty()) {
      return data;
    }
    List<Observation> all = new java.util.ArrayList<>(observations.size() + data.size());
    all.addAll(observations);
    all.addAll(data);
    return all;
  }
}
