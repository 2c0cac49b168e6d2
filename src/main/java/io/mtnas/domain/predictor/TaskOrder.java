package io.mtnas.domain.predictor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The tasks an answer "as of" some results covers: the search's starting tasks, then the tasks
 * that joined it in the order their first result appears, and the asking task last when it has no
 * result yet. A function of the data alone, so a seeded search answers the same whenever the
 * answering actor heard of a join.
 */
public final class TaskOrder {
  private TaskOrder() {}

  public static List<String> of(List<String> starting, List<Observation> data, String target) {
    Set<String> order = new LinkedHashSet<>(starting);
    for (Observation o : data) {
      order.add(o.task());
    }
    order.add(target);
    return order.size() == starting.size() ? starting : new ArrayList<>(order);
  }
}
