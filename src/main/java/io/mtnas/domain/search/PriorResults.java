package io.mtnas.domain.search;

import io.mtnas.domain.evaluation.Direction;
import io.mtnas.domain.predictor.Observation;
import io.mtnas.domain.transfer.Label;
import io.mtnas.domain.transfer.TransferHistory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What earlier, finished searches evaluated, for a search that starts from them ({@code
 * warm_from}): their results as the shared predictor and the arbiter read them, each under a task
 * name of its own ({@code <first 8 characters of the search id>/<task>}), with its direction; and
 * the transfer labels they decided, which a task of the same name here starts its transfer history
 * with. The service reads them from its catalog, which keeps them as long as a search starts from
 * them.
 *
 * @param labels each with its target's name (a task of this search, if one has that name), its
 *     source's name here, and its round counted back from that earlier target's last labelled
 *     round (0), so an earlier negative keeps voting for as many rounds as it had left
 */
public record PriorResults(List<Observation> observations, Map<String, Direction> directions, List<Label> labels) {
  private static final PriorResults NONE = new PriorResults(List.of(), Map.of(), List.of());

  public PriorResults {
    observations = List.copyOf(observations);
    labels = List.copyOf(labels);
    directions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(directions));
    for (Observation o : observations) {
      if (!directions.containsKey(o.task())) {
        throw new IllegalArgumentException("earlier result of task " + o.task() + " has no direction");
      }
    }
  }

  public PriorResults(List<Observation> observations, Map<String, Direction> directions) {
    this(observations, directions, List.of());
  }

  /**
   * An earlier search's labels as this search reads them: sources renamed as its results are
   * ({@link #taskName}), rounds counted back from each target's last labelled round.
   */
  public static List<Label> labelsOf(String searchId, List<Label> decided) {
    Map<String, Integer> lastRound = new LinkedHashMap<>();
    decided.forEach(l -> lastRound.merge(l.target(), l.round(), Math::max));
    return decided.stream().map(l -> new Label(l.architecture(), taskName(searchId, l.source()), l.target(),
        l.positive(), l.round() - lastRound.get(l.target()))).toList();
  }

  /** The transfer history {@code target} starts with: the earlier labels of targets of its name. */
  public TransferHistory history(String target) {
    return TransferHistory.of(labels.stream().filter(l -> l.target().equals(target)).toList());
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
