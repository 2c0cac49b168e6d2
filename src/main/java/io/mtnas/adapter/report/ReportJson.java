package io.mtnas.adapter.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtnas.adapter.benchmark.BenchmarkTables;
import io.mtnas.adapter.spec.SpecWriter;
import io.mtnas.domain.search.SearchReport;
import io.mtnas.domain.search.TaskResult;
import io.mtnas.domain.search.TaskSpec;
import io.mtnas.domain.search.TransferStats;
import io.mtnas.domain.space.Architecture;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Renders a {@link SearchReport} as {@code report.json}. Field names are snake_case and stable
 * (documented in docs/events.md next to the progress events); NaN values become null.
 */
public final class ReportJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportJson() {}

  /**
   * The report as {@code mtnas run} and {@code mtnas serve} write it: the spec as it ran, and the
   * official benchmark index of each best architecture where the first task's table has one.
   */
  public static String render(SearchReport report, BenchmarkTables tables) {
    String benchmark = report.spec().tasks().get(0).benchmark();
    return render(
        report,
        SpecWriter.toTree(report.spec()),
        arch -> tables.has(benchmark) ? tables.get(benchmark).officialIndex(arch) : OptionalLong.empty());
  }

  /**
   * @param specJson the spec as it ran (echoed so a report is self-describing)
   * @param officialIndex a benchmark's own index of an architecture, where it has one
   */
  public static String render(
      SearchReport report, JsonNode specJson, Function<Architecture, OptionalLong> officialIndex) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("search_id", report.searchId());
    root.put("name", report.spec().name());
    root.put("space", report.spec().space());
    root.put("seed", report.spec().seed());
    root.put("workers", report.spec().workers());
    root.put("strategy", report.spec().strategy().kind().id());
    root.put("wall_seconds", report.wallMillis() / 1000.0);
    root.put("total_evaluations", report.totalEvaluations());
    if (report.totalEvaluationsToThreshold().isPresent()) {
      root.put("total_evaluations_to_threshold", report.totalEvaluationsToThreshold().getAsInt());
    } else {
      root.putNull("total_evaluations_to_threshold");
    }
    root.put("all_solved", report.allSolved());
    var tasks = root.putArray("tasks");
    for (TaskResult t : report.tasks()) {
      tasks.add(task(t, report.spec().task(t.task()), officialIndex));
    }
    var transfers = root.putArray("transfers");
    for (TransferStats t : report.transfers()) {
      ObjectNode n = transfers.addObject();
      n.put("source", t.source());
      n.put("target", t.target());
      n.put("transferred", t.transferred());
      n.put("positive", t.positive());
      n.put("negative", t.negative());
      n.put("undecided", t.undecided());
    }
    root.set("spec", specJson);
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render report", e);
    }
  }

  private static ObjectNode task(
      TaskResult t, TaskSpec spec, Function<Architecture, OptionalLong> officialIndex) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("task", t.task());
    n.put("benchmark", spec.benchmark());
    n.put("fitness_metric", spec.fitness());
    n.put("direction", spec.direction().name().toLowerCase(java.util.Locale.ROOT));
    if (spec.threshold().isPresent()) {
      n.put("threshold", spec.threshold().getAsDouble());
    } else {
      n.putNull("threshold");
    }
    if (t.best().isPresent()) {
      Architecture best = t.best().get();
      n.put("best_architecture", best.toString());
      OptionalLong official = officialIndex.apply(best);
      if (official.isPresent()) {
        n.put("best_benchmark_index", official.getAsLong());
      }
    } else {
      n.putNull("best_architecture");
    }
    number(n, "best_fitness", t.bestFitness());
    n.put("best_found_at", t.bestFoundAt());
    ObjectNode test = n.putObject("test_metrics");
    ObjectNode other = n.putObject("best_metrics");
    for (Map.Entry<String, Double> e : new TreeMap<>(t.bestMetrics()).entrySet()) {
      number(spec.testMetrics().contains(e.getKey()) ? test : other, e.getKey(), e.getValue());
    }
    n.put("evaluations", t.evaluations());
    n.put("failures", t.failures());
    n.put("solved", t.solved());
    if (t.evaluationsToThreshold().isPresent()) {
      n.put("evaluations_to_threshold", t.evaluationsToThreshold().getAsInt());
    } else {
      n.putNull("evaluations_to_threshold");
    }
    number(n, "cost_seconds", t.costSeconds());
    return n;
  }

  private static void number(ObjectNode n, String field, double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      n.putNull(field);
    } else {
      n.put(field, value);
    }
  }
}
