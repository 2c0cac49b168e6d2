package io.mtnas.adapter.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mtnas.adapter.benchmark.BenchmarkTable;
import io.mtnas.adapter.benchmark.BenchmarkTables;
import io.mtnas.domain.embedding.Embedders;
import io.mtnas.domain.evaluation.Direction;
import io.mtnas.domain.predictor.ComputedProxies;
import io.mtnas.domain.predictor.GaussianProcessRegressor;
import io.mtnas.domain.search.GuidanceSpec;
import io.mtnas.domain.search.JoinStart;
import io.mtnas.domain.search.SearchSpec;
import io.mtnas.domain.search.StrategySpec;
import io.mtnas.domain.search.TaskSpec;
import io.mtnas.domain.search.TrainerSpec;
import io.mtnas.domain.search.TransferSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a search spec (JSON, see docs/spec.md) and checks it against the loaded benchmark tables:
 * the benchmark exists, every named column exists, the threshold is reachable and the budget fits
 * the space. Every error names the file and the JSON path of the value.
 */
public final class SpecReader {
  static final Set<String> TOP = Set.of("name", "space", "seed", "workers", "strategy", "tasks", "description",
      "warm_from");
  static final Set<String> STRATEGY = Set.of("kind", "population_size", "tournament_size", "avoid_seen",
      "parallelism", "embedding", "candidates", "samples", "incumbent_neighbours", "predictor",
      "predictor_other_tasks", "predictor_model", "gp", "zero_cost", "transfer");
  static final Set<String> GP = Set.of("length_scale", "noise", "task_correlation", "max_rows", "scoring");
  static final Set<String> TRANSFER = Set.of("mode", "count", "elite_ratio", "negative_window");
  static final Set<String> TASK = Set.of("name", "benchmark", "fitness", "direction", "threshold", "budget",
      "test_metrics", "proxy_metrics", "cost_metric", "trainer", "join_after", "join_start", "time_budget_s");
  static final Set<String> TRAINER = Set.of("dataset", "channels", "cells_per_stage", "epochs", "batch_size",
      "learning_rate", "seed", "device", "train_network");
  static final Set<String> DATASET = Set.of("kind", "path", "num_classes", "synthetic_images", "synthetic_size",
      "synthetic_seed");

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  public SearchSpec read(Path file, BenchmarkTables tables) {
    return parse(file.toString(), readText(file), tables);
  }

  /**
   * The spec file's text, strictly UTF-8. A missing file, a directory, an unreadable file and bytes
   * that are not UTF-8 each fail with a message that names the file and says which it is.
   */
  static String readText(Path file) {
    if (Files.isDirectory(file)) {
      throw new SpecException(file + ": is a directory, not a spec file");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw cannotRead(file, e);
    }
    return decodeUtf8(file.toString(), bytes);
  }

  /** The message for a spec file that could not be read. */
  static SpecException cannotRead(Path file, IOException e) {
    if (e instanceof NoSuchFileException) {
      Path absolute = file.toAbsolutePath();
      return new SpecException(file + ": the spec file does not exist"
          + (absolute.equals(file) ? "" : " (looked for " + absolute + ")"));
    }
    if (e instanceof AccessDeniedException) {
      return new SpecException(file + ": the spec file cannot be read: permission denied");
    }
    String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
    return new SpecException(file + ": the spec file cannot be read: " + reason);
  }

  /**
   * {@code bytes} decoded as UTF-8, or a failure naming {@code source}, the byte offset (and line)
   * of the first byte that is not valid UTF-8, and that byte.
   */
  public static String decodeUtf8(String source, byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length); // UTF-8 never gives more chars than bytes
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int offset = in.position();
      int line = 1;
      for (int i = 0; i < offset; i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      throw SpecException.malformed(source, String.format(Locale.ROOT,
          "byte 0x%02X at byte offset %d (line %d) is not valid UTF-8; the spec must be UTF-8"
              + " (a Latin-1 file converts with: iconv -f latin1 -t utf-8)",
          bytes[offset] & 0xFF, offset, line));
    }
    out.flip();
    return out.toString();
  }

  /** Jackson's reason in plain words where it would name its own classes. */
  static String jsonReason(JsonProcessingException e) {
    String reason = e.getOriginalMessage();
    return reason != null && reason.startsWith("Trailing token")
        ? "more JSON follows the spec's closing brace (a spec is one object)"
        : reason;
  }

  /** Parses spec text; {@code source} names it in errors. */
  public SearchSpec parse(String source, String text, BenchmarkTables tables) {
    JsonNode root = tree(source, text);
    JsonFields top = new JsonFields(source, "$", root, TOP);
    top.optionalText("description");
    String name = top.string("name");
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw top.fail(top.at("name"), "\"" + name + "\" may only hold letters, digits, '.', '_' and '-'"
          + " (it names output directories)");
    }
    long seed = top.integer("seed");
    int workers = top.intInRange("workers", 1, SearchSpec.MAX_WORKERS, 1);
    JsonFields strategyFields = new JsonFields(source, top.at("strategy"), top.required("strategy"), STRATEGY);
    StrategySpec strategy = strategy(strategyFields);
    JsonNode taskArray = top.required("tasks");
    if (!taskArray.isArray() || taskArray.isEmpty()) {
      throw top.fail(top.at("tasks"), "must be a non-empty array of tasks, got " + JsonFields.describe(taskArray));
    }
    List<TaskSpec> tasks = new ArrayList<>();
    Set<String> names = new HashSet<>();
    String space = null;
    Optional<String> declared = top.optionalString("space");
    for (int i = 0; i < taskArray.size(); i++) {
      String path = top.at("tasks") + "[" + i + "]";
      JsonFields t = new JsonFields(source, path, taskArray.get(i), TASK);
      TaskSpec task = task(t, tables, declared);
      if (!names.add(task.name())) {
        throw t.fail(t.at("name"), "task name \"" + task.name() + "\" appears twice");
      }
      String taskSpace = space(task, tables, declared);
      if (space != null && !space.equals(taskSpace)) {
        throw t.fail(t.at("benchmark"), "benchmark \"" + task.benchmark() + "\" is in space " + taskSpace
            + " but earlier tasks are in " + space + "; all tasks of a search share one space");
      }
      space = taskSpace;
      checkJoinStart(t, task, strategy, true);
      tasks.add(task);
    }
    if (tasks.stream().noneMatch(TaskSpec::starts)) {
      throw top.fail(top.at("tasks"), "every task has join_after; at least one must be searched from the start");
    }
    if (declared.isPresent() && !declared.get().equals(space)) {
      throw top.fail(top.at("space"), "\"" + declared.get() + "\" does not match the tasks' space \"" + space + "\"");
    }
    checkStrategyAgainstTasks(strategyFields, strategy, top.at("tasks"), tasks);
    // searches of the service this spec is submitted to; checked there (mtnas run has none)
    List<String> warmFrom = top.strings("warm_from");
    return new SearchSpec(name, space, seed, workers, strategy, tasks, warmFrom);
  }

  /**
   * Parses one task that is to join {@code search} (the body of {@code POST /searches/{id}/tasks}):
   * the fields of a spec's task, checked against the tables, the search's space, its other task
   * names and its strategy. Paths in errors start at the task object ({@code $.budget}).
   */
  public TaskSpec parseTask(String source, String text, SearchSpec search, BenchmarkTables tables) {
    JsonFields t = new JsonFields(source, "$", tree(source, text), TASK);
    TaskSpec task = task(t, tables, Optional.of(search.space()));
    if (search.tasks().stream().anyMatch(other -> other.name().equals(task.name()))) {
      throw t.fail(t.at("name"), "the search already has a task \"" + task.name() + "\"");
    }
    String taskSpace = space(task, tables, Optional.of(search.space()));
    if (!taskSpace.equals(search.space())) {
      throw t.fail(t.at("benchmark"), "benchmark \"" + task.benchmark() + "\" is in space " + taskSpace
          + " but the search's tasks are in " + search.space() + "; all tasks of a search share one space");
    }
    if (search.strategy().guidance().zeroCost() && task.proxyMetrics().isEmpty()) {
      throw t.fail(t.at("proxy_metrics"), "the search ranks by zero-cost proxies, so the task must list at"
          + " least one proxy_metrics column");
    }
    checkJoinStart(t, task, search.strategy(), false);
    return task;
  }

  /** A trained task is in the declared space; a table's task in its table's. */
  private static String space(TaskSpec task, BenchmarkTables tables, Optional<String> declared) {
    return task.trainer().isPresent() ? declared.orElseThrow() : tables.get(task.benchmark()).space().id();
  }

  /** A warm start needs what it starts from: a predictor, transfer between tasks; and a task that joins. */
  private static void checkJoinStart(JsonFields t, TaskSpec task, StrategySpec strategy, boolean inSpec) {
    if (!t.has("join_start")) {
      return;
    }
    if (inSpec && task.starts()) {
      throw t.fail(t.at("join_start"), "only a task with join_after joins a running search and has a first"
          + " population to warm-start");
    }
    if (task.joinStart() == JoinStart.PREDICTOR && !(strategy.guidance().guided() && strategy.guidance().predictor())) {
      throw t.fail(t.at("join_start"), "\"predictor\" needs the search's shared predictor (strategy.predictor)");
    }
    if (task.joinStart() == JoinStart.TRANSFER && !strategy.transfer().enabled()) {
      throw t.fail(t.at("join_start"), "\"transfer\" needs transfer between the search's tasks"
          + " (strategy.transfer.mode)");
    }
  }

  private static JsonNode tree(String source, String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      throw SpecException.malformed(source, "not valid JSON"
          + (loc != null ? " at line " + loc.getLineNr() + ", column " + loc.getColumnNr() : "")
          + ": " + jsonReason(e));
    }
  }

  /** The strategy settings that depend on the tasks: zero-cost needs proxies, transfer needs two tasks. */
  private static void checkStrategyAgainstTasks(
      JsonFields s, StrategySpec strategy, String tasksPath, List<TaskSpec> tasks) {
    if (strategy.guidance().zeroCost()) {
      for (int i = 0; i < tasks.size(); i++) {
        if (tasks.get(i).proxyMetrics().isEmpty()) {
          throw s.fail(tasksPath + "[" + i + "].proxy_metrics", "task \"" + tasks.get(i).name()
              + "\" lists no proxy metric, but " + s.at("zero_cost") + " is true: zero-cost ranking and"
              + " screening use each task's first proxy_metrics column; name at least one, or set zero_cost to false");
        }
      }
    }
    TransferSpec transfer = strategy.transfer();
    if (transfer.enabled() && tasks.size() < 2) {
      throw s.fail(s.at("transfer") + ".mode", "\"" + transfer.mode().id() + "\" transfer needs at least two"
          + " tasks to transfer between, the spec has " + tasks.size() + "; set mode to \"none\"");
    }
  }

  private static StrategySpec strategy(JsonFields s) {
    StrategySpec.Kind kind = s.choice("kind", StrategySpec.Kind::parse);
    int population = s.intAtLeast("population_size", 1, 10);
    int tournament = s.intAtLeast("tournament_size", 1, Math.min(5, population));
    if (tournament > population) {
      throw s.fail(s.at("tournament_size"), "must be at most population_size " + population + ", got " + tournament);
    }
    boolean avoidSeen = s.bool("avoid_seen", true);
    int parallelism = s.intAtLeast("parallelism", 0, 0);
    String embedding = embedding(s);
    GuidanceSpec guidance = guidance(s);
    TransferSpec transfer = transfer(s, kind);
    return new StrategySpec(kind, population, tournament, avoidSeen, parallelism, embedding, guidance, transfer);
  }

  private static String embedding(JsonFields s) {
    if (!s.has("embedding")) {
      return StrategySpec.DEFAULT_EMBEDDING;
    }
    String text = s.string("embedding");
    String id = text.toLowerCase(Locale.ROOT);
    if (!Embedders.IDS.contains(id)) {
      throw s.fail(s.at("embedding"), "embedding must be one of "
          + Embedders.IDS.stream().map(e -> "\"" + e + "\"").collect(Collectors.joining(", "))
          + ", got \"" + text + "\"");
    }
    return id;
  }

  /**
   * The candidate pool and what ranks it. A pool (candidates >= 2 or samples >= 1) and a ranking
   * (predictor or zero_cost) only make sense together: a population without both evaluates the
   * strategy's own pick, so either half alone is rejected rather than silently ignored.
   */
  private static GuidanceSpec guidance(JsonFields s) {
    GuidanceSpec d = GuidanceSpec.none();
    int candidates = s.intAtLeast("candidates", 1, d.candidates());
    int samples = s.intAtLeast("samples", 0, d.samples());
    boolean neighbours = s.bool("incumbent_neighbours", d.incumbentNeighbours());
    boolean predictor = s.bool("predictor", d.predictor());
    boolean otherTasks = s.bool("predictor_other_tasks", d.predictorOtherTasks());
    boolean zeroCost = s.bool("zero_cost", d.zeroCost());
    boolean pool = candidates >= 2 || samples >= 1;
    String noPool = " needs a pool of candidates to rank: set candidates >= 2 or samples >= 1 (with candidates 1"
        + " and samples 0 every evaluation takes the strategy's own pick)";
    if (predictor && !pool) {
      throw s.fail(s.at("predictor"), "true" + noPool);
    }
    if (zeroCost && !pool) {
      throw s.fail(s.at("zero_cost"), "true" + noPool);
    }
    String noRanking = ", but nothing ranks the pool: set predictor or zero_cost to true";
    if (!predictor && !zeroCost) {
      if (candidates > 1) {
        throw s.fail(s.at("candidates"), "got " + candidates + noRanking + ", or candidates to 1");
      }
      if (samples > 0) {
        throw s.fail(s.at("samples"), "got " + samples + noRanking + ", or samples to 0");
      }
      if (neighbours) {
        throw s.fail(s.at("incumbent_neighbours"), "true adds to the candidate pool" + noRanking
            + " (with candidates >= 2 or samples >= 1), or incumbent_neighbours to false");
      }
    }
    GuidanceSpec.Model model = s.choice("predictor_model", GuidanceSpec.Model::parse, d.model());
    return new GuidanceSpec(candidates, samples, neighbours, predictor, otherTasks, zeroCost, model, gp(s, model));
  }

  /** The Gaussian process's settings, each defaulting to {@link GaussianProcessRegressor.Settings#defaults()}. */
  private static GaussianProcessRegressor.Settings gp(JsonFields s, GuidanceSpec.Model model) {
    GaussianProcessRegressor.Settings d = GaussianProcessRegressor.Settings.defaults();
    Optional<JsonFields> fields = s.optionalObject("gp", GP);
    if (fields.isEmpty()) {
      return d;
    }
    if (model != GuidanceSpec.Model.GP) {
      throw s.fail(s.at("gp"), "sets the Gaussian process, but predictor_model is \"" + model.id()
          + "\": set predictor_model to \"gp\" or drop gp");
    }
    JsonFields g = fields.get();
    GaussianProcessRegressor.Scoring scoring = g.choice("scoring", GaussianProcessRegressor.Scoring::parse, d.scoring());
    double correlation = g.optionalNumber("task_correlation").orElse(d.taskCorrelation());
    if (correlation < 0 || correlation > 1) {
      throw g.fail(g.at("task_correlation"), "must be a number in [0, 1], got " + correlation);
    }
    return new GaussianProcessRegressor.Settings(positive(g, "length_scale", d.lengthScale()),
        positive(g, "noise", d.noise()), correlation, g.intAtLeast("max_rows", 2, d.maxRows()), scoring);
  }

  private static double positive(JsonFields g, String key, double defaultValue) {
    double v = g.optionalNumber(key).orElse(defaultValue);
    if (!(v > 0)) {
      throw g.fail(g.at(key), "must be a number > 0, got " + v);
    }
    return v;
  }

  private static TransferSpec transfer(JsonFields s, StrategySpec.Kind kind) {
    TransferSpec d = TransferSpec.none();
    Optional<JsonFields> fields = s.optionalObject("transfer", TRANSFER);
    if (fields.isEmpty()) {
      return d;
    }
    JsonFields t = fields.get();
    TransferSpec.Mode mode = t.choice("mode", TransferSpec.Mode::parse, d.mode());
    TransferSpec transfer = new TransferSpec(mode, t.intAtLeast("count", 1, d.count()),
        t.fraction("elite_ratio", d.eliteRatio()), t.intAtLeast("negative_window", 1, d.negativeWindow()));
    if (transfer.enabled() && kind != StrategySpec.Kind.REA) {
      throw t.fail(t.at("mode"), "\"" + mode.id() + "\" transfer needs kind \"rea\": transferred architectures"
          + " join the target's population and are labelled by the children they breed there, got kind \""
          + kind.id() + "\"");
    }
    return transfer;
  }

  private static TaskSpec task(JsonFields t, BenchmarkTables tables, Optional<String> declaredSpace) {
    OptionalLong joinAfter = t.has("join_after")
        ? OptionalLong.of(t.intAtLeast("join_after", 1, 1)) : OptionalLong.empty();
    JoinStart start = t.choice("join_start", JoinStart::parse, JoinStart.BOTH);
    TaskSpec task = startingTask(t, tables, declaredSpace).withJoinAfter(joinAfter).withJoinStart(start);
    OptionalDouble timeBudget = t.optionalNumber("time_budget_s");
    if (timeBudget.isPresent() && timeBudget.getAsDouble() <= 0) {
      throw t.fail(t.at("time_budget_s"), "must be > 0 (seconds of training), got " + num(timeBudget.getAsDouble()));
    }
    if (timeBudget.isPresent() && task.costMetric().isEmpty()) {
      throw t.fail(t.at("time_budget_s"), "needs cost_metric, the column of each evaluation's training seconds");
    }
    return task.withTimeBudget(timeBudget);
  }

  private static TaskSpec startingTask(JsonFields t, BenchmarkTables tables, Optional<String> declaredSpace) {
    String name = t.string("name");
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw t.fail(t.at("name"), "\"" + name + "\" may only hold letters, digits, '.', '_' and '-'");
    }
    String benchmark = t.string("benchmark");
    if (benchmark.equals(TrainerSpec.BENCHMARK) || t.has("trainer")) {
      return TrainerTasks.read(t, name, benchmark, declaredSpace);
    }
    if (!tables.has(benchmark)) {
      throw t.fail(t.at("benchmark"), unknownBenchmark(benchmark, tables));
    }
    BenchmarkTable table = tables.get(benchmark);
    String fitness = column(t, "fitness", t.string("fitness"), table);
    Direction direction = direction(t);
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
    // proxies may also be signals computed from the cell
    List<String> proxies = columns(t, "proxy_metrics", table, ComputedProxies.METRICS);
    Optional<String> cost = t.optionalString("cost_metric").map(c -> column(t, "cost_metric", c, table));
    return new TaskSpec(name, benchmark, fitness, direction, threshold, (int) budget, test, proxies, cost);
  }

  private static List<String> columns(JsonFields t, String key, BenchmarkTable table) {
    return columns(t, key, table, Set.of());
  }

  /** The listed names, each a column of the table unless it is one of {@code computed}. */
  private static List<String> columns(JsonFields t, String key, BenchmarkTable table, Set<String> computed) {
    List<String> names = t.strings(key);
    for (int i = 0; i < names.size(); i++) {
      if (!computed.contains(names.get(i))) {
        column(t, key + "[" + i + "]", names.get(i), table);
      }
    }
    return names;
  }

  /** A task's {@code direction}, the error at its path. */
  static Direction direction(JsonFields t) {
    return t.choice("direction", Direction::parse);
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
