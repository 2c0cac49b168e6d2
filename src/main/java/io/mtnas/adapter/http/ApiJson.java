package io.mtnas.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtnas.adapter.spec.SpecWriter;
import io.mtnas.domain.search.EvaluationRecord;
import io.mtnas.domain.service.SearchEntry;
import io.mtnas.domain.service.TaskProgress;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The JSON bodies of the API (field names snake_case, NaN as null), documented in docs/api.md. */
final class ApiJson {
  static final ObjectMapper MAPPER = new ObjectMapper();
  /** For request bodies: a key given twice is an error, not the last one winning. */
  static final ObjectMapper STRICT = new ObjectMapper()
      .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private ApiJson() {}

  /** {@code {"id", "state", "revision"}}: the answer to a submit or a cancel. */
  static ObjectNode handle(SearchEntry e) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("id", e.id());
    n.put("state", e.state().name());
    n.put("revision", e.revision());
    return n;
  }

  /** One line of {@code GET /searches}. */
  static ObjectNode summary(SearchEntry e) {
    ObjectNode n = handle(e);
    n.put("name", e.spec().name());
    n.put("seed", e.spec().seed());
    n.put("evaluations", e.tasks().stream().mapToInt(TaskProgress::evaluations).sum());
    n.put("solved_tasks", e.tasks().stream().filter(TaskProgress::solved).count());
    n.put("tasks", e.tasks().size());
    return n;
  }

  /** {@code GET /searches/{id}}: the search, its progress per task and its spec. */
  static ObjectNode detail(SearchEntry e) {
    ObjectNode n = handle(e);
    n.put("name", e.spec().name());
    e.error().ifPresent(err -> n.put("error", err));
    var tasks = n.putArray("tasks");
    for (TaskProgress t : e.tasks()) {
      ObjectNode tn = tasks.addObject();
      tn.put("task", t.task());
      tn.put("evaluations", t.evaluations());
      tn.put("failures", t.failures());
      tn.put("budget", t.budget());
      if (t.best().isPresent()) {
        tn.put("best_architecture", t.best().get().toString());
      } else {
        tn.putNull("best_architecture");
      }
      number(tn, "best_fitness", t.bestFitness());
      tn.put("solved", t.solved());
    }
    n.set("spec", SpecWriter.toTree(e.currentSpec()));
    return n;
  }

  /** One evaluation as a JSON line; {@code seq} is its 1-based place in arrival order. */
  static String evaluationLine(EvaluationRecord r, long seq) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("seq", seq);
    n.put("task", r.task());
    n.put("evaluation", r.evaluation());
    n.put("job", r.job().toString());
    n.put("architecture", r.architecture().toString());
    n.put("origin", r.origin());
    number(n, "fitness", r.fitness());
    number(n, "best_so_far", r.bestSoFar());
    number(n, "cost_s", r.costSeconds());
    ObjectNode metrics = n.putObject("metrics");
    for (Map.Entry<String, Double> m : new TreeMap<>(r.metrics()).entrySet()) {
      number(metrics, m.getKey(), m.getValue());
    }
    return n.toString() + "\n";
  }

  /**
   * The value at a spec error's JSON path ({@code $.tasks[1].budget}) in the submitted body; empty
   * when the body has nothing there (a missing key).
   */
  static Optional<JsonNode> at(JsonNode root, String path) {
    if (!path.startsWith("$")) {
      return Optional.empty();
    }
    JsonNode node = root;
    int i = 1;
    while (i < path.length() && node != null) {
      char c = path.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
          end++;
        }
        node = node.isObject() ? node.get(path.substring(i + 1, end)) : null;
        i = end;
      } else if (c == '[') {
        int end = path.indexOf(']', i);
        if (end < 0) {
          return Optional.empty();
        }
        try {
          int index = Integer.parseInt(path.substring(i + 1, end));
          node = node.isArray() ? node.get(index) : null;
        } catch (NumberFormatException e) {
          return Optional.empty();
        }
        i = end + 1;
      } else {
        return Optional.empty();
      }
    }
    return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
  }

  private static void number(ObjectNode n, String field, double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      n.putNull(field);
    } else {
      n.put(field, v);
    }
  }
}
