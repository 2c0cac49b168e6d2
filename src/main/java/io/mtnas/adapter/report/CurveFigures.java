package io.mtnas.adapter.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Builds best-so-far figures from runs' curves: per task a panel, per strategy a series (the mean
 * over its runs with the interquartile band), y the best fitness or its gap to the optimum.
 */
public final class CurveFigures {
  /** What the y axis shows. */
  public enum YAxis {
    /** {@code |optimum - best so far|}, 0 = found the optimum. */
    GAP,
    /** The gap on a log scale, 0 at the bottom: shows the last small steps to the optimum. */
    LOG_GAP,
    /** The best fitness so far. */
    FITNESS
  }

  /** How evaluations are spaced on the x axis; AUTO is log once a run exceeds {@link #AUTO_LOG_ABOVE}. */
  public enum XScale {
    AUTO,
    LOG,
    LINEAR
  }

  /** AUTO plots on a log x axis when the longest run has more evaluations than this. */
  public static final int AUTO_LOG_ABOVE = 200;

  /**
   * One task as the figure shows it. {@code optimum} is the benchmark's best value of the fitness
   * column (NaN when unknown: then the y axis is the fitness whatever was asked).
   */
  public record TaskInfo(String name, String fitness, double optimum, OptionalDouble threshold) {
    public TaskInfo {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(fitness, "fitness");
      Objects.requireNonNull(threshold, "threshold");
    }
  }

  /** One run of a strategy: its curve per task name. */
  public record Run(String strategy, Map<String, Curves.Curve> curves) {
    public Run {
      Objects.requireNonNull(strategy, "strategy");
      curves = Map.copyOf(curves);
    }
  }

  private CurveFigures() {}

  /**
   * A figure of {@code runs} grouped by strategy, in {@code strategies} order (the legend and
   * colour order), one panel per task in {@code tasks} order.
   */
  public static CurveChart.Figure figure(
      String title, List<TaskInfo> tasks, List<String> strategies, List<Run> runs, YAxis yAxis, XScale xScale) {
    boolean gap = yAxis != YAxis.FITNESS && tasks.stream().allMatch(t -> !Double.isNaN(t.optimum()));
    int longest = runs.stream()
        .flatMap(r -> r.curves().values().stream())
        .mapToInt(Curves.Curve::length)
        .max()
        .orElse(0);
    boolean logX = xScale == XScale.LOG || (xScale == XScale.AUTO && longest > AUTO_LOG_ABOVE);
    Map<String, List<Run>> byStrategy = new LinkedHashMap<>();
    strategies.forEach(s -> byStrategy.put(s, new ArrayList<>()));
    for (Run r : runs) {
      List<Run> mine = byStrategy.get(r.strategy());
      if (mine == null) {
        throw new IllegalArgumentException("run of strategy " + r.strategy() + " not among " + strategies);
      }
      mine.add(r);
    }
    int maxRuns = byStrategy.values().stream().mapToInt(List::size).max().orElse(0);
    int minRuns = byStrategy.values().stream().mapToInt(List::size).min().orElse(0);

    List<CurveChart.Panel> panels = new ArrayList<>();
    for (TaskInfo task : tasks) {
      List<CurveChart.Series> series = new ArrayList<>();
      for (Map.Entry<String, List<Run>> e : byStrategy.entrySet()) {
        List<Curves.Curve> curves = new ArrayList<>();
        for (Run r : e.getValue()) {
          Curves.Curve c = r.curves().get(task.name());
          if (c != null && c.length() > 0) {
            curves.add(gap ? c.gap(task.optimum()) : c);
          }
        }
        if (!curves.isEmpty()) {
          series.add(new CurveChart.Series(e.getKey(), Curves.aggregate(curves, logX)));
        }
      }
      OptionalDouble reference = OptionalDouble.empty();
      if (task.threshold().isPresent()) {
        double t = task.threshold().getAsDouble();
        double r = gap ? Math.abs(task.optimum() - t) : t;
        if (!gap || r > 1e-9) {
          reference = OptionalDouble.of(r);
        }
      }
      List<String> facts = new ArrayList<>();
      if (!Double.isNaN(task.optimum())) {
        facts.add("optimum " + number(task.optimum()));
      }
      task.threshold().ifPresent(t -> facts.add("threshold " + number(t)));
      String subtitle = task.fitness() + (facts.isEmpty() ? "" : "\n" + String.join(", ", facts));
      panels.add(new CurveChart.Panel(task.name(), subtitle, series, reference, reference.isPresent() ? "threshold" : ""));
    }
    boolean logY = gap && yAxis == YAxis.LOG_GAP;
    String gapNote = !gap ? ""
        : logY ? "Gap = |optimum − best fitness so far| on a log scale"
            + (reachesZero(panels) ? "; a line that reaches the optimum drops to the bottom tick, 0. " : ". ")
        : "Gap = |optimum − best fitness so far|, 0 = found the optimum. ";
    String note;
    if (maxRuns <= 1) {
      note = "Best so far after each evaluation of one run. " + gapNote;
    } else {
      String seeds = minRuns == maxRuns ? maxRuns + " seeds" : minRuns + " to " + maxRuns + " seeds";
      note = "Line: mean over " + seeds + "; band: 25th–75th percentile. " + gapNote
          + "A run that stopped early (solved its task, or spent its budget) keeps its final value up to "
          + "the longest run of its strategy, where the line ends.";
    }
    return new CurveChart.Figure(
        title, gap ? "gap to optimum" : "best fitness so far", panels, strategies, note, logX, logY, maxRuns > 1);
  }

  /** Whether some line or band touches 0 (a log axis then shows 0 at the bottom). */
  private static boolean reachesZero(List<CurveChart.Panel> panels) {
    for (CurveChart.Panel p : panels) {
      for (CurveChart.Series s : p.series()) {
        for (double v : s.band().lo()) {
          if (v <= 0) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static String number(double v) {
    String s = String.format(Locale.ROOT, "%.4f", v);
    return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
  }
}
