package io.mtnas.adapter.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mtnas.adapter.benchmark.BenchmarkTable;
import io.mtnas.adapter.benchmark.BenchmarkTables;
import io.mtnas.domain.evaluation.Direction;
import io.mtnas.domain.search.SearchSpec;
import io.mtnas.domain.search.StrategySpec;
import io.mtnas.domain.search.TaskSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Reads a search spec (JSON, see docs/spec.md) and checks it against the loaded benchmark tables:
 * the benchmark exists, every named column exists, the threshold is reachable and the budget fits
 * the space. Every error names the file and the JSON path of the value.
 */
public final class SpecReader {
  static final Set<String> TOP = Set.of("name", "space", "seed", "workers", "strategy", "tasks", "description");
  static final Set<String> STRATEGY =
      Set.of("kind", "population_size", "tournament_size", "avoid_seen", "parallelism");
  static final Set<String> TASK = Set.of("name", "benchmark", "fitness", "direction", "threshold", "budget",
      "test_metrics", "proxy_metrics", "cost_metric");

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  public SearchSpec read(Path file, BenchmarkTables tables) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SpecException("cannot read spec " + file + ": " + e.getMessage());
    }
    return parse(file.toString(), text, tables);
  }

  /** Parses spec text; {@code source} names it in errors. */
  public SearchSpec parse(String source, String text, BenchmarkTables tables) {
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      throw new SpecException(source + ": not valid JSON"
          + (loc != null ? " at line " + loc.getLineNr() + ", column " + loc.getColumnNr() : "")
          + ": " + e.getOriginalMessage());
    }
    JsonFields top = new JsonFields(source, "$", root, TOP);
    top.optionalText("description");
    String name = top.string("name");
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw top.fail(top.at("name"), "\"" + name + "\" may only hold letters, digits, '.', '_' and '-'"
          + " (it names output directories)");
    }
    long seed = top.integer("seed");
    int workers = top.intAtLeast("workers", 1, 1);
    StrategySpec strategy = strategy(new JsonFields(source, top.at("strategy"), top.required("strategy"), STRATEGY));
    JsonNode taskArray = top.required("tasks");
    if (!taskArray.isArray() || taskArray.isEmpty()) {
      throw top.fail(top.at("tasks"), "must be a non-empty array of tasks, got " + JsonFields.describe(taskArray));
    }
    List<TaskSpec> tasks = new ArrayList<>();
    Set<String> names = new HashSet<>();
    String space = null;
    for (int i = 0; i < taskArray.size(); i++) {
      String path = top.at("tasks") + "[" + i + "]";
      JsonFields t = new JsonFields(source, path, taskArray.get(i), TASK);
      TaskSpec task = task(t, tables);
      if (!names.add(task.name())) {
        throw t.fail(t.at("name"), "task name \"" + task.name() + "\" appears twice");
      }
      String taskSpace = tables.get(task.benchmark()).space().id();
      if (space != null && !space.equals(taskSpace)) {
        throw t.fail(t.at("benchmark"), "benchmark \"" + task.benchmark() + "\" is in space " + taskSpace
            + " but earlier tasks are in " + space + "; all tasks of a search share one space");
      }
      space = taskSpace;
      tasks.add(task);
    }
    Optional<String> declared = top.optionalString("space");
    if (declared.isPresent() && !declared.get().equals(space)) {
      throw top.fail(top.at("space"), "\"" + declared.get() + "\" does not match the tasks' space \"" + space + "\"");
    }
    return new SearchSpec(name, space, seed, workers, strategy, tasks);
  }

  private static StrategySpec strategy(JsonFields s) {
    StrategySpec.Kind kind;
    try {
      kind = StrategySpec.Kind.parse(s.string("kind"));
    } catch (IllegalArgumentException e) {
      throw s.fail(s.at("kind"), e.getMessage());
    }
    int population = s.intAtLeast("population_size", 1, 10);
    int tournament = s.intAtLeast("tournament_size", 1, Math.min(5, population));
    if (tournament > population) {
      throw s.fail(s.at("tournament_size"), "must be at most population_size " + population + ", got " + tournament);
    }
    return new StrategySpec(kind, population, tournament, s.bool("avoid_seen", true), s.intAtLeast("parallelism", 0, 0));
  }

  private static TaskSpec task(JsonFields t, BenchmarkTables tables) {
    String name = t.string("name");
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw t.fail(t.at("name"), "\"" + name + "\" may only hold letters, digits, '.', '_' and '-'");
    }
    String benchmark = t.string("benchmark");
    if (!tables.has(benchmark)) {
      throw t.fail(t.at("benchmark"), unknownBenchmark(benchmark, tables));
    }
    BenchmarkTable table = tables.get(benchmark);
    String fitness = column(t, "fitness", t.string("fitness"), table);
    Direction direction;
    try {
      direction = Direction.parse(t.string("direction"));
    } catch (IllegalArgumentException e) {
      throw t.fail(t.at("direction"), e.getMessage());
    }
    OptionalDouble threshold = t.optionalNumber("threshold");
    if (threshold.isPresent() && table.countReaching(fitness, direction, threshold.getAsDouble()) == 0) {
      throw t.fail(t.at("threshold"), String.format(Locale.ROOT,
          "%s is never reached: the best %s in %s is %s (direction %s)", num(threshold.getAsDouble()), fitness,
          benchmark, num(table.optimum(fitness, direction).value()), direction.name().toLowerCase(Locale.ROOT)));
    }
    if (!t.has("budget")) {
      throw t.fail(t.at("budget"), "missing (required)");
    }
    long budget = t.integer("budget");
    if (budget < 1 || budget > table.size()) {
      throw t.fail(t.at("budget"), "must be in 1.." + table.size() + " (the architectures of " + benchmark
          + "), got " + budget);
    }
    List<String> test = columns(t, "test_metrics", table);
    List<String> proxies = columns(t, "proxy_metrics", table);
    Optional<String> cost = t.optionalString("cost_metric").map(c -> column(t, "cost_metric", c, table));
    return new TaskSpec(name, benchmark, fitness, direction, threshold, (int) budget, test, proxies, cost);
  }

  private static List<String> columns(JsonFields t, String key, BenchmarkTable table) {
    List<String> names = t.strings(key);
    for (int i = 0; i < names.size(); i++) {
      column(t, key + "[" + i + "]", names.get(i), table);
    }
    return names;
  }

  private static String column(JsonFields t, String key, String column, BenchmarkTable table) {
    if (!table.hasColumn(column)) {
      throw t.fail(t.at(key), "benchmark " + table.id() + " has no column \"" + column + "\""
          + ColumnHints.suggest(column, table.columns()));
    }
    return column;
  }

  private static String unknownBenchmark(String benchmark, BenchmarkTables tables) {
    try {
      tables.get(benchmark);
      return "";
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
  }
}
