package io.mtnas.adapter.spec;

import io.mtnas.domain.evaluation.Direction;
import io.mtnas.domain.search.TaskSpec;
import io.mtnas.domain.search.TrainerSpec;
import io.mtnas.domain.space.SearchSpace;
import io.mtnas.domain.space.SearchSpaces;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Reads a task that trains its architectures ({@code "benchmark": "trainer"} with a
 * {@code trainer} object): its metrics are what a trainer reports, its budget is bounded by the
 * search space, which the spec's top-level {@code space} must name.
 */
final class TrainerTasks {
  private TrainerTasks() {}

  static TaskSpec read(JsonFields t, String name, String benchmark, Optional<String> declaredSpace) {
    if (!benchmark.equals(TrainerSpec.BENCHMARK)) {
      throw t.fail(t.at("trainer"), "only a task with \"benchmark\": \"trainer\" trains; this one reads "
          + "benchmark \"" + benchmark + "\"");
    }
    if (declaredSpace.isEmpty()) {
      throw t.fail(t.at("benchmark"), "a training task needs the spec's top-level \"space\" (nb201 or "
          + "transnas-micro): there is no table to take it from");
    }
    Optional<SearchSpace> space;
    try {
      space = Optional.of(SearchSpaces.byId(declaredSpace.get()));
    } catch (IllegalArgumentException e) {
      throw t.fail("$.space", e.getMessage());
    }
    String fitness = metric(t, "fitness", t.string("fitness"), TrainerSpec.METRICS);
    Direction direction = SpecReader.direction(t);
    OptionalDouble threshold = t.optionalNumber("threshold");
    long budget = t.integer("budget");
    if (budget < 1 || budget > space.get().size()) {
      throw t.fail(t.at("budget"), "must be in 1.." + space.get().size() + " (the architectures of "
          + space.get().id() + "), got " + budget);
    }
    List<String> test = metrics(t, "test_metrics", TrainerSpec.METRICS);
    List<String> proxies = metrics(t, "proxy_metrics", TrainerSpec.METRICS);
    Optional<String> cost = t.optionalString("cost_metric").map(c -> metric(t, "cost_metric", c, TrainerSpec.METRICS));
    JsonFields tr = new JsonFields(t.source(), t.at("trainer"), t.required("trainer"), SpecReader.TRAINER);
    JsonFields d = new JsonFields(t.source(), tr.at("dataset"), tr.required("dataset"), SpecReader.DATASET);
    String kind = d.string("kind");
    if (!TrainerSpec.DATASETS.contains(kind)) {
      throw d.fail(d.at("kind"), "\"" + kind + "\" is not a dataset kind; known: "
          + TrainerSpec.DATASETS.stream().sorted().toList());
    }
    String path = d.optionalString("path").orElse("");
    if (!kind.equals("synthetic") && path.isEmpty()) {
      throw d.fail(d.at("path"), "missing (required for dataset kind " + kind + ")");
    }
    TrainerSpec trainer = new TrainerSpec(kind, path, d.intAtLeast("num_classes", 1, kind.equals("synthetic") ? 10 : 0),
        d.intAtLeast("synthetic_images", 1, 1024), d.intAtLeast("synthetic_size", 4, 16),
        d.intAtLeast("synthetic_seed", 0, 0), tr.intAtLeast("channels", 1, 16), tr.intAtLeast("cells_per_stage", 1, 5),
        tr.intAtLeast("epochs", 1, 1), tr.intAtLeast("batch_size", 1, 256),
        tr.optionalNumber("learning_rate").orElse(0.1), tr.intAtLeast("seed", 0, 0),
        tr.optionalString("device").orElse(""), tr.bool("train_network", true));
    return new TaskSpec(name, benchmark, fitness, direction, threshold, (int) budget, test, proxies, cost,
        Optional.of(trainer));
  }

  private static List<String> metrics(JsonFields t, String key, Set<String> known) {
    List<String> names = t.strings(key);
    for (int i = 0; i < names.size(); i++) {
      metric(t, key + "[" + i + "]", names.get(i), known);
    }
    return names;
  }

  private static String metric(JsonFields t, String key, String metric, Set<String> known) {
    if (!known.contains(metric)) {
      throw t.fail(t.at(key), "a trainer reports no \"" + metric + "\"; it reports " + known.stream().sorted().toList());
    }
    return metric;
  }
}
