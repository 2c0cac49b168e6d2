package io.mtnas.adapter.cli;

import io.mtnas.domain.search.EvaluationRecord;
import io.mtnas.domain.search.SearchSpec;
import io.mtnas.domain.search.TaskSpec;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The live view on an interactive terminal: one line per task (evaluations, best so far, solved or
 * not), redrawn in place at most a few times a second so a fast tabular search does not spend its
 * time printing.
 */
final class ConsoleStatus implements Consumer<EvaluationRecord> {
  private static final long REDRAW_NANOS = 200_000_000L;

  private record Line(TaskSpec task, int evaluations, double best, int solvedAt) {}

  private final PrintStream out;
  private final Map<String, Line> lines = new LinkedHashMap<>();
  private long lastDrawNanos;
  private boolean drawn;

  ConsoleStatus(SearchSpec spec, PrintStream out) {
    this.out = out;
    spec.tasks().forEach(t -> lines.put(t.name(), new Line(t, 0, Double.NaN, 0)));
  }

  @Override
  public synchronized void accept(EvaluationRecord r) {
    Line old = lines.get(r.task());
    int solvedAt =
        old.solvedAt() == 0 && old.task().solvedBy(r.bestSoFar()) ? r.evaluation() : old.solvedAt();
    lines.put(r.task(), new Line(old.task(), r.evaluation(), r.bestSoFar(), solvedAt));
    long now = System.nanoTime();
    if (now - lastDrawNanos > REDRAW_NANOS) {
      lastDrawNanos = now;
      draw();
    }
  }

  /** Draws the final state. */
  synchronized void finish() {
    draw();
  }

  private void draw() {
    StringBuilder sb = new StringBuilder();
    if (drawn) {
      sb.append("\033[").append(lines.size()).append('A');
    }
    for (Line l : lines.values()) {
      sb.append("\r\033[2K")
          .append(String.format(Locale.ROOT, "%-18s %7d evals  best %-10s %s",
              l.task().name(),
              l.evaluations(),
              Double.isNaN(l.best()) ? "-" : String.format(Locale.ROOT, "%.4f", l.best()),
              status(l)))
          .append('\n');
    }
    out.print(sb);
    out.flush();
    drawn = true;
  }

  private static String status(Line l) {
    if (l.solvedAt() > 0) {
      return "solved at " + l.solvedAt();
    }
    return l.task().threshold().isPresent()
        ? String.format(Locale.ROOT, "target %.2f", l.task().threshold().getAsDouble())
        : "";
  }
}
