package io.mtnas.adapter.report;

import io.mtnas.domain.search.EvaluationRecord;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Renders evaluation rows as CSV: one row per evaluation, tasks in the given order, each task's
 * rows in evaluation order, so the file does not depend on how results interleaved in time.
 * Metric columns are the union of all rows' metrics, sorted by name; a missing or NaN value is an
 * empty cell. Architecture strings contain no commas or quotes, so nothing needs quoting.
 */
public final class EvaluationsCsv {
  private static final String FIXED_HEADER =
      "task,evaluation,job,architecture,origin,fitness,best_so_far,cost_s";

  private EvaluationsCsv() {}

  public static String render(List<String> taskOrder, Collection<EvaluationRecord> rows) {
    TreeSet<String> metricNames = new TreeSet<>();
    rows.forEach(r -> metricNames.addAll(r.metrics().keySet()));
    StringBuilder out = new StringBuilder(64 + rows.size() * 160);
    out.append(FIXED_HEADER);
    for (String m : metricNames) {
      out.append(',').append(m);
    }
    out.append('\n');
    Comparator<EvaluationRecord> order =
        Comparator.<EvaluationRecord>comparingInt(r -> taskOrder.indexOf(r.task()))
            .thenComparingInt(EvaluationRecord::evaluation);
    rows.stream().sorted(order).forEach(r -> appendRow(out, r, metricNames));
    return out.toString();
  }

  /** The header line for a journal that streams rows as they come, given the metric names. */
  public static String header(Collection<String> metricNames) {
    StringBuilder out = new StringBuilder(FIXED_HEADER);
    new TreeSet<>(metricNames).forEach(m -> out.append(',').append(m));
    return out.append('\n').toString();
  }

  public static String row(EvaluationRecord r, Collection<String> metricNames) {
    StringBuilder out = new StringBuilder(160);
    appendRow(out, r, new TreeSet<>(metricNames));
    return out.toString();
  }

  private static void appendRow(StringBuilder out, EvaluationRecord r, TreeSet<String> metricNames) {
    out.append(r.task()).append(',')
        .append(r.evaluation()).append(',')
        .append(r.job()).append(',')
        .append(r.architecture()).append(',')
        .append(r.origin()).append(',');
    number(out, r.fitness());
    out.append(',');
    number(out, r.bestSoFar());
    out.append(',');
    number(out, r.costSeconds());
    for (String m : metricNames) {
      out.append(',');
      Double v = r.metrics().get(m);
      if (v != null) {
        number(out, v);
      }
    }
    out.append('\n');
  }

  private static void number(StringBuilder out, double v) {
    if (!Double.isNaN(v)) {
      out.append(v);
    }
  }
}
