package io.mtnas.adapter.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtnas.domain.search.GuidanceSpec;
import io.mtnas.domain.search.JoinStart;
import io.mtnas.domain.search.SearchSpec;
import io.mtnas.domain.search.StrategySpec;
import io.mtnas.domain.search.TaskSpec;
import io.mtnas.domain.search.TransferSpec;
import java.util.Locale;

/**
 * Writes a spec back as JSON with every default spelled out, so a report says exactly what ran
 * and {@link SpecReader} reads it back to an equal spec.
 */
public final class SpecWriter {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SpecWriter() {}

  public static ObjectNode toTree(SearchSpec spec) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("name", spec.name());
    root.put("space", spec.space());
    root.put("seed", spec.seed());
    root.put("workers", spec.workers());
    StrategySpec s = spec.strategy();
    ObjectNode strategy = root.putObject("strategy");
    strategy.put("kind", s.kind().id());
    strategy.put("population_size", s.populationSize());
    strategy.put("tournament_size", s.tournamentSize());
    strategy.put("avoid_seen", s.avoidSeen());
    strategy.put("parallelism", s.parallelism());
    strategy.put("embedding", s.embedding());
    GuidanceSpec g = s.guidance();
    strategy.put("candidates", g.candidates());
    strategy.put("samples", g.samples());
    strategy.put("incumbent_neighbours", g.incumbentNeighbours());
    strategy.put("predictor", g.predictor());
    strategy.put("predictor_other_tasks", g.predictorOtherTasks());
    strategy.put("predictor_model", g.model().id());
    if (g.model() == GuidanceSpec.Model.GP) {
      ObjectNode gp = strategy.putObject("gp");
      gp.put("length_scale", g.gp().lengthScale());
      gp.put("noise", g.gp().noise());
      gp.put("task_correlation", g.gp().taskCorrelation());
      gp.put("max_rows", g.gp().maxRows());
      gp.put("scoring", g.gp().scoring().id());
    }
    strategy.put("zero_cost", g.zeroCost());
    TransferSpec tr = s.transfer();
    ObjectNode transfer = strategy.putObject("transfer");
    transfer.put("mode", tr.mode().id());
    transfer.put("count", tr.count());
    transfer.put("elite_ratio", tr.eliteRatio());
    transfer.put("negative_window", tr.negativeWindow());
    if (!spec.warmFrom().isEmpty()) {
      spec.warmFrom().forEach(root.putArray("warm_from")::add);
    }
    var tasks = root.putArray("tasks");
    for (TaskSpec t : spec.tasks()) {
      ObjectNode n = tasks.addObject();
      n.put("name", t.name());
      n.put("benchmark", t.benchmark());
      n.put("fitness", t.fitness());
      n.put("direction", t.direction().name().toLowerCase(Locale.ROOT));
      if (t.threshold().isPresent()) {
        n.put("threshold", t.threshold().getAsDouble());
      }
      n.put("budget", t.budget());
      t.testMetrics().forEach(n.putArray("test_metrics")::add);
      t.proxyMetrics().forEach(n.putArray("proxy_metrics")::add);
      t.costMetric().ifPresent(c -> n.put("cost_metric", c));
      t.timeBudget().ifPresent(seconds -> n.put("time_budget_s", seconds));
      t.joinAfter().ifPresent(after -> n.put("join_after", after));
      if (t.joinStart() != JoinStart.BOTH) {
        n.put("join_start", t.joinStart().id());
      }
      t.trainer().ifPresent(ts -> {
        ObjectNode o = n.putObject("trainer");
        ObjectNode d = o.putObject("dataset");
        d.put("kind", ts.datasetKind());
        if (!ts.datasetPath().isEmpty()) {
          d.put("path", ts.datasetPath());
        }
        d.put("num_classes", ts.numClasses());
        d.put("synthetic_images", ts.syntheticImages());
        d.put("synthetic_size", ts.syntheticSize());
        d.put("synthetic_seed", ts.syntheticSeed());
        o.put("channels", ts.channels());
        o.put("cells_per_stage", ts.cellsPerStage());
        o.put("epochs", ts.epochs());
        o.put("batch_size", ts.batchSize());
        o.put("learning_rate", ts.learningRate());
        o.put("seed", ts.seed());
        if (!ts.device().isEmpty()) {
          o.put("device", ts.device());
        }
        o.put("train_network", ts.trainNetwork());
      });
    }
    return root;
  }

  public static String toJson(SearchSpec spec) {
    try {
      return MAPPER.writeValueAsString(toTree(spec)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render spec", e);
    }
  }
}
