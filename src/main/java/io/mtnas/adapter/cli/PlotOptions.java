package io.mtnas.adapter.cli;

import io.mtnas.adapter.benchmark.BenchmarkTables;
import io.mtnas.adapter.report.CurveChart;
import io.mtnas.adapter.report.CurveFigures;
import io.mtnas.adapter.store.AtomicFiles;
import io.mtnas.domain.search.SearchSpec;
import io.mtnas.domain.search.TaskSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** How {@code run --plot} and {@code bench --plot} draw best-so-far curves, and writing them. */
final class PlotOptions {
  @Option(names = "--plot-y", paramLabel = "AXIS", defaultValue = "log-gap",
      description = "y axis of the plots: gap (to the benchmark optimum), log-gap (the gap on a log scale,"
          + " 0 at the bottom) or fitness (best so far) (default: ${DEFAULT-VALUE})")
  String y;

  @Option(names = "--plot-x", paramLabel = "SCALE", defaultValue = "auto",
      description = "x axis (evaluations) of the plots: log, linear, or auto (log when a run has more than "
          + CurveFigures.AUTO_LOG_ABOVE + " evaluations) (default: ${DEFAULT-VALUE})")
  String x;

  @Option(names = "--plot-format", paramLabel = "FORMAT", defaultValue = "svg",
      description = "plot file format: svg, png or svg,png (default: ${DEFAULT-VALUE})")
  String format;

  /** PNG pixels per SVG unit: a 1260-unit wide figure becomes 2520 pixels, sharp on hi-dpi screens. */
  private static final double PNG_SCALE = 2;

  CurveFigures.YAxis yAxis() {
    return switch (y.strip().toLowerCase(Locale.ROOT)) {
      case "gap" -> CurveFigures.YAxis.GAP;
      case "log-gap" -> CurveFigures.YAxis.LOG_GAP;
      case "fitness" -> CurveFigures.YAxis.FITNESS;
      default -> throw new BadInputException("--plot-y must be gap, log-gap or fitness, got \"" + y + "\"");
    };
  }

  CurveFigures.XScale xScale() {
    return switch (x.strip().toLowerCase(Locale.ROOT)) {
      case "auto" -> CurveFigures.XScale.AUTO;
      case "log" -> CurveFigures.XScale.LOG;
      case "linear" -> CurveFigures.XScale.LINEAR;
      default -> throw new BadInputException("--plot-x must be auto, log or linear, got \"" + x + "\"");
    };
  }

  /** The file extensions to write, checked. */
  List<String> formats() {
    List<String> out = new ArrayList<>();
    for (String f : BenchCommand.split(format.toLowerCase(Locale.ROOT))) {
      if (!f.equals("svg") && !f.equals("png")) {
        throw new BadInputException("--plot-format must be svg, png or svg,png, got \"" + format + "\"");
      }
      if (!out.contains(f)) {
        out.add(f);
      }
    }
    if (out.isEmpty()) {
      throw new BadInputException("--plot-format must be svg, png or svg,png, got \"" + format + "\"");
    }
    return out;
  }

  /** Checks every plot flag, so that a typo fails before any search runs. */
  void validate() {
    yAxis();
    xScale();
    formats();
  }

  /** The spec's tasks with their benchmark optimum and threshold, as the figures show them. */
  static List<CurveFigures.TaskInfo> tasks(SearchSpec spec, BenchmarkTables tables) {
    List<CurveFigures.TaskInfo> tasks = new ArrayList<>();
    for (TaskSpec t : spec.tasks()) {
      double optimum = tables.get(t.benchmark()).optimum(t.fitness(), t.direction()).value();
      tasks.add(new CurveFigures.TaskInfo(t.name(), t.fitness(), optimum, t.threshold()));
    }
    return tasks;
  }

  /** Writes {@code figure} to {@code base}.svg and/or .png; returns the files written. */
  List<Path> write(Path base, CurveChart.Figure figure) {
    List<Path> written = new ArrayList<>();
    for (String f : formats()) {
      Path file = base.resolveSibling(base.getFileName() + "." + f);
      AtomicFiles.write(file, f.equals("svg")
          ? CurveChart.svg(figure).getBytes(java.nio.charset.StandardCharsets.UTF_8)
          : CurveChart.png(figure, PNG_SCALE));
      written.add(file);
    }
    return written;
  }
}
