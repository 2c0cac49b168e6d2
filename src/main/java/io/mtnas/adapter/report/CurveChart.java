package io.mtnas.adapter.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Lays out best-so-far figures: one panel per task (axes with ticks and labels, a title), one
 * coloured line per series with a translucent band, and a legend with a note under the panels.
 * The layout draws on a {@link Canvas}, so the same figure comes out as SVG ({@link #svg}) or as
 * a PNG ({@link #png}).
 */
public final class CurveChart {
  /** Colour-blind-safe colours (Okabe and Ito), in legend order. */
  static final List<String> PALETTE =
      List.of("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#999999");

  /** A panel's size in a figure of several; a figure of one panel draws it larger. */
  static final double PANEL_WIDTH = 420;
  static final double PANEL_HEIGHT = 330;
  static final double SINGLE_PANEL_WIDTH = 560;
  static final double SINGLE_PANEL_HEIGHT = 400;
  private static final double LEFT = 70;
  private static final double RIGHT = 18;
  private static final double TOP = 64;
  private static final double BOTTOM = 50;
  private static final double TITLE_HEIGHT = 36;
  private static final double LEGEND_ROW = 22;
  private static final int COLUMNS = 3;

  /** One line with its band; {@code label} names it in the legend and picks its colour. */
  public record Series(String label, Curves.Band band) {
    public Series {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(band, "band");
    }
  }

  /**
   * One task's chart. {@code subtitle} may hold two lines (split at a newline); {@code reference}
   * is an optional dashed horizontal line (a threshold), {@code referenceLabel} its caption.
   */
  public record Panel(
      String title, String subtitle, List<Series> series, OptionalDouble reference, String referenceLabel) {
    public Panel {
      series = List.copyOf(series);
    }
  }

  /**
   * A figure: {@code legend} lists the series labels in colour order (every panel's series must
   * be among them); {@code note} says what line and band mean; {@code yLabel} is shared.
   * {@code logX} plots evaluations on a log scale; {@code logY} the values on a log scale whose
   * lowest tick, a decade below the smallest positive value, stands for 0 (values must be >= 0);
   * {@code bands} draws the bands (off for one run).
   */
  public record Figure(
      String title,
      String yLabel,
      List<Panel> panels,
      List<String> legend,
      String note,
      boolean logX,
      boolean logY,
      boolean bands) {
    public Figure {
      panels = List.copyOf(panels);
      legend = List.copyOf(legend);
      for (Panel p : panels) {
        for (Series s : p.series()) {
          if (!legend.contains(s.label())) {
            throw new IllegalArgumentException("series " + s.label() + " is not in the legend " + legend);
          }
        }
      }
    }

    /** The same figure with only panel {@code i}. */
    public Figure only(int i) {
      return new Figure(title, yLabel, List.of(panels.get(i)), legend, note, logX, logY, bands);
    }

    String color(String label) {
      return PALETTE.get(legend.indexOf(label) % PALETTE.size());
    }
  }

  private CurveChart() {}

  /** The figure as a standalone SVG document. */
  public static String svg(Figure figure) {
    Size size = size(figure);
    SvgCanvas canvas = new SvgCanvas(size.width(), size.height());
    draw(figure, canvas);
    return canvas.finish();
  }

  /** The figure as PNG bytes, drawn with java.awt in headless mode at {@code scale} pixels per unit. */
  public static byte[] png(Figure figure, double scale) {
    Size size = size(figure);
    PngCanvas canvas = new PngCanvas(size.width(), size.height(), scale);
    draw(figure, canvas);
    return canvas.finish();
  }

  record Size(double width, double height) {}

  static Size size(Figure f) {
    int columns = Math.max(1, Math.min(COLUMNS, f.panels().size()));
    int rows = Math.max(1, (f.panels().size() + columns - 1) / columns);
    double width = columns * panelWidth(f);
    return new Size(width, titleHeight(f, width) + rows * panelHeight(f) + legendHeight(f, width));
  }

  static double panelWidth(Figure f) {
    return f.panels().size() == 1 ? SINGLE_PANEL_WIDTH : PANEL_WIDTH;
  }

  static double panelHeight(Figure f) {
    return f.panels().size() == 1 ? SINGLE_PANEL_HEIGHT : PANEL_HEIGHT;
  }

  private static double titleHeight(Figure f, double width) {
    return TITLE_HEIGHT + (Math.max(1, titleLines(f, width).size()) - 1) * 20;
  }

  private static List<String> titleLines(Figure f, double width) {
    return wrap(f.title(), 16 * 1.1, width);
  }

  private static double legendHeight(Figure f, double width) {
    return legendRows(f, width).size() * LEGEND_ROW + noteLines(f, width).size() * 16 + 16;
  }

  private static void draw(Figure f, Canvas c) {
    Size size = size(f);
    c.rect(0, 0, size.width(), size.height(), null, "#ffffff");
    double titleY = 24;
    for (String line : titleLines(f, size.width())) {
      c.text(size.width() / 2, titleY, line, 16, 'm', true, false, "#222222");
      titleY += 20;
    }
    double panelsTop = titleHeight(f, size.width());
    int columns = Math.max(1, Math.min(COLUMNS, f.panels().size()));
    for (int i = 0; i < f.panels().size(); i++) {
      double x0 = (i % columns) * panelWidth(f);
      double y0 = panelsTop + (i / columns) * panelHeight(f);
      c.beginGroup("panel", f.panels().get(i).title());
      panel(f, f.panels().get(i), c, x0, y0);
      c.endGroup();
    }
    c.beginGroup("legend", null);
    int rows = Math.max(1, (f.panels().size() + columns - 1) / columns);
    double y = panelsTop + rows * panelHeight(f) + 6;
    for (List<String> row : legendRows(f, size.width())) {
      double rowWidth = row.stream().mapToDouble(CurveChart::legendEntryWidth).sum();
      double x = (size.width() - rowWidth) / 2;
      for (String label : row) {
        String color = f.color(label);
        if (f.bands()) {
          c.rect(x, y + 2, 28, 12, null, color, 0.2);
        }
        c.line(x, y + 8, x + 28, y + 8, color, 2.5, false);
        c.text(x + 34, y + 12.5, label, 13, 's', false, false, "#222222");
        x += legendEntryWidth(label);
      }
      y += LEGEND_ROW;
    }
    for (String line : noteLines(f, size.width())) {
      y += 14;
      c.text(size.width() / 2, y, line, 11.5, 'm', false, false, "#555555");
    }
    c.endGroup();
  }

  private static double legendEntryWidth(String label) {
    return 34 + textWidth(label, 13) + 22;
  }

  private static List<List<String>> legendRows(Figure f, double width) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    double used = 0;
    for (String label : f.legend()) {
      double w = legendEntryWidth(label);
      if (!row.isEmpty() && used + w > width - 20) {
        rows.add(row);
        row = new ArrayList<>();
        used = 0;
      }
      row.add(label);
      used += w;
    }
    if (!row.isEmpty()) {
      rows.add(row);
    }
    return rows;
  }

  private static List<String> noteLines(Figure f, double width) {
    return wrap(f.note(), 11.5, width);
  }

  /** Text wrapped at word boundaries to fit {@code width} less a margin. */
  private static List<String> wrap(String text, double size, double width) {
    List<String> lines = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return lines;
    }
    StringBuilder line = new StringBuilder();
    for (String word : text.strip().split("\\s+")) {
      if (line.length() > 0 && textWidth(line + " " + word, size) > width - 30) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    lines.add(line.toString());
    return lines;
  }

  /** A width estimate for sans-serif text (DejaVu Sans averages about 0.58 em per character). */
  static double textWidth(String s, double size) {
    return s.length() * size * 0.58;
  }

  private static void panel(Figure f, Panel p, Canvas c, double x0, double y0) {
    double left = x0 + LEFT;
    double right = x0 + panelWidth(f) - RIGHT;
    double top = y0 + TOP;
    double bottom = y0 + panelHeight(f) - BOTTOM;
    c.text(x0 + (LEFT + panelWidth(f) - RIGHT) / 2, y0 + 18, p.title(), 14, 'm', true, false, "#222222");
    if (p.subtitle() != null && !p.subtitle().isBlank()) {
      double sy = y0 + 34;
      for (String line : p.subtitle().split("\n", 2)) {
        c.text(x0 + (LEFT + panelWidth(f) - RIGHT) / 2, sy, line, 11, 'm', false, false, "#666666");
        sy += 14;
      }
    }

    int longest = p.series().stream().mapToInt(s -> s.band().length()).max().orElse(1);
    Axis xAxis = f.logX() ? Axis.log(1, Math.max(longest, 10)) : Axis.linear(0, Math.max(longest, 1), false);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    double lowestPositive = Double.POSITIVE_INFINITY;
    List<Double> values = new ArrayList<>();
    for (Series s : p.series()) {
      Curves.Band b = s.band();
      for (int i = 0; i < b.x().length; i++) {
        values.add(b.mean()[i]);
        if (f.bands()) {
          values.add(b.lo()[i]);
          values.add(b.hi()[i]);
        }
      }
    }
    p.reference().ifPresent(values::add);
    for (double v : values) {
      if (Double.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
        if (v > 0) {
          lowestPositive = Math.min(lowestPositive, v);
        }
      }
    }
    if (!Double.isFinite(lo)) {
      lo = 0;
      hi = 1;
    }
    Axis yAxis = f.logY() ? Axis.logWithZero(lowestPositive, hi, lo <= 0) : Axis.linear(lo, hi, true);

    // grid and ticks
    for (Tick t : yAxis.ticks()) {
      double y = bottom - yAxis.fraction(t.value()) * (bottom - top);
      if (t.major()) {
        c.line(left, y, right, y, "#e6e6e6", 1, false);
      }
      c.line(left - (t.major() ? 5 : 3), y, left, y, "#444444", 1, false);
      if (!t.label().isEmpty()) {
        c.text(left - 7, y + 4, t.label(), 11, 'e', false, false, "#333333");
      }
    }
    for (Tick t : xAxis.ticks()) {
      double x = left + xAxis.fraction(t.value()) * (right - left);
      if (t.major()) {
        c.line(x, top, x, bottom, "#e6e6e6", 1, false);
      }
      c.line(x, bottom, x, bottom + (t.major() ? 5 : 3), "#444444", 1, false);
      if (!t.label().isEmpty()) {
        c.text(x, bottom + 18, t.label(), 11, 'm', false, false, "#333333");
      }
    }
    c.rect(left, top, right - left, bottom - top, "#444444", null);
    c.text((left + right) / 2, bottom + 38, f.logX() ? "evaluations (log scale)" : "evaluations", 12, 'm', false, false,
        "#222222");
    c.text(x0 + 18, (top + bottom) / 2, f.yLabel() + (f.logY() ? " (log scale)" : ""), 12, 'm', false, true, "#222222");

    // bands first, lines on top
    if (f.bands()) {
      for (Series s : p.series()) {
        double[][] pts = bandOutline(s.band(), xAxis, yAxis, left, right, top, bottom);
        if (pts[0].length > 0) {
          c.area(pts[0], pts[1], f.color(s.label()), 0.2, "band", s.label());
        }
      }
    }
    for (Series s : p.series()) {
      Curves.Band b = s.band();
      List<double[]> line = new ArrayList<>();
      for (int i = 0; i < b.x().length; i++) {
        if (Double.isFinite(b.mean()[i])) {
          line.add(point(b.x()[i], b.mean()[i], xAxis, yAxis, left, right, top, bottom));
        }
      }
      double[][] pts = simplify(steps(line));
      c.polyline(pts[0], pts[1], f.color(s.label()), 2, "curve", s.label());
    }
    // a reference on the x axis itself (a threshold equal to the optimum, on a gap plot) is left out
    if (p.reference().isPresent() && yAxis.fraction(p.reference().getAsDouble()) > 0.015) {
      double y = bottom - yAxis.fraction(p.reference().getAsDouble()) * (bottom - top);
      c.line(left, y, right, y, "#666666", 1.2, true);
      if (p.referenceLabel() != null && !p.referenceLabel().isEmpty()) {
        double fraction = yAxis.fraction(p.reference().getAsDouble());
        // at the left, where best-so-far curves are still far from a threshold they approach
        c.text(left + 5, fraction > 0.85 ? y + 13 : y - 4, p.referenceLabel(), 10.5, 's', false, false, "#555555");
      }
    }
  }

  private static double[] point(
      double x, double v, Axis xAxis, Axis yAxis, double left, double right, double top, double bottom) {
    return new double[] {
      left + xAxis.fraction(x) * (right - left), bottom - yAxis.fraction(v) * (bottom - top)
    };
  }

  /** The band's polygon: the upper edge left to right, then the lower edge back. */
  private static double[][] bandOutline(
      Curves.Band b, Axis xAxis, Axis yAxis, double left, double right, double top, double bottom) {
    List<double[]> upper = new ArrayList<>();
    List<double[]> lower = new ArrayList<>();
    for (int i = 0; i < b.x().length; i++) {
      if (Double.isFinite(b.lo()[i]) && Double.isFinite(b.hi()[i])) {
        upper.add(point(b.x()[i], b.hi()[i], xAxis, yAxis, left, right, top, bottom));
        lower.add(point(b.x()[i], b.lo()[i], xAxis, yAxis, left, right, top, bottom));
      }
    }
    double[][] up = simplify(steps(upper));
    double[][] down = simplify(steps(lower));
    int n = up[0].length + down[0].length;
    double[] xs = new double[n];
    double[] ys = new double[n];
    System.arraycopy(up[0], 0, xs, 0, up[0].length);
    System.arraycopy(up[1], 0, ys, 0, up[1].length);
    for (int i = 0; i < down[0].length; i++) {
      xs[up[0].length + i] = down[0][down[0].length - 1 - i];
      ys[up[0].length + i] = down[1][down[0].length - 1 - i];
    }
    return new double[][] {xs, ys};
  }

  /**
   * A best-so-far curve is a step function: each value holds until the next evaluation count, where
   * the curve jumps, so between two points the line runs flat and then vertically.
   */
  static List<double[]> steps(List<double[]> points) {
    List<double[]> out = new ArrayList<>(points.size() * 2);
    for (int i = 0; i < points.size(); i++) {
      if (i > 0) {
        out.add(new double[] {points.get(i)[0], points.get(i - 1)[1]});
      }
      out.add(points.get(i));
    }
    return out;
  }

  /**
   * Points rounded to a tenth of a unit, dropping those that add nothing: repeats, and the middle
   * of three on one horizontal or vertical line (the flat stretches of a best-so-far curve).
   */
  static double[][] simplify(List<double[]> points) {
    List<double[]> kept = new ArrayList<>();
    for (double[] p : points) {
      double[] q = {Math.round(p[0] * 10) / 10.0, Math.round(p[1] * 10) / 10.0};
      int n = kept.size();
      if (n > 0 && kept.get(n - 1)[0] == q[0] && kept.get(n - 1)[1] == q[1]) {
        continue;
      }
      if (n >= 2) {
        double[] a = kept.get(n - 2);
        double[] b = kept.get(n - 1);
        if ((a[1] == b[1] && b[1] == q[1]) || (a[0] == b[0] && b[0] == q[0])) {
          kept.set(n - 1, q);
          continue;
        }
      }
      kept.add(q);
    }
    double[] xs = new double[kept.size()];
    double[] ys = new double[kept.size()];
    for (int i = 0; i < kept.size(); i++) {
      xs[i] = kept.get(i)[0];
      ys[i] = kept.get(i)[1];
    }
    return new double[][] {xs, ys};
  }

  record Tick(double value, String label, boolean major) {}

  /** A linear or log10 axis over [min, max] with its ticks; on a log axis values below min sit at min. */
  record Axis(double min, double max, boolean log, List<Tick> ticks) {
    double fraction(double v) {
      if (log) {
        return v <= min ? 0 : (Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min));
      }
      return (v - min) / (max - min);
    }

    /**
     * A log axis for values >= 0 up to a little above {@code hi}. With {@code zeros} it starts a
     * decade below the decade of {@code lowestPositive}, and that lowest tick reads 0 (nothing
     * lies between it and the next decade but zeros, drawn there); without, it starts a little
     * below {@code lowestPositive}. Decades are labelled, 2..9 are minor ticks (2 and 5 labelled
     * when the axis spans few decades).
     */
    static Axis logWithZero(double lowestPositive, double hi, boolean zeros) {
      if (!Double.isFinite(lowestPositive) || hi <= 0) {
        lowestPositive = 1;
        hi = Math.max(hi, 10);
      }
      int lowDecade = (int) Math.floor(Math.log10(lowestPositive) + 1e-9) - (zeros ? 1 : 0);
      double min = zeros ? Math.pow(10, lowDecade) : lowestPositive / 1.15;
      double max = Math.max(hi * 1.15, min * 10);
      int highDecade = (int) Math.floor(Math.log10(max));
      boolean few = highDecade - lowDecade <= 2;
      List<Tick> ticks = new ArrayList<>();
      if (zeros) {
        ticks.add(new Tick(min, "0", true));
      }
      for (int d = zeros ? lowDecade + 1 : lowDecade; d <= highDecade; d++) {
        double decade = Math.pow(10, d);
        for (int m = 1; m <= 9; m++) {
          double v = decade * m;
          if (v >= min && v <= max) {
            boolean labelled = m == 1 || (few && (m == 2 || m == 5));
            ticks.add(new Tick(v, labelled ? plain(v, d) : "", m == 1));
          }
        }
      }
      return new Axis(min, max, true, ticks);
    }

    private static String plain(double v, int decade) {
      return format(v, Math.max(0, -decade));
    }

    /** A linear axis covering [lo, hi]; {@code pad} widens it a little and to nice tick values. */
    static Axis linear(double lo, double hi, boolean pad) {
      if (hi - lo < 1e-12) {
        double d = Math.max(Math.abs(hi) * 0.05, 0.5);
        lo -= d;
        hi += d;
      } else if (pad) {
        double d = (hi - lo) * 0.04;
        lo = lo >= 0 && lo - d < 0 ? 0 : lo - d;
        hi += d;
      }
      double step = niceStep((hi - lo) / 5);
      int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
      List<Tick> ticks = new ArrayList<>();
      for (double t = Math.ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step) {
        double v = Math.abs(t) < step * 1e-9 ? 0 : t;
        ticks.add(new Tick(v, format(v, decimals), true));
      }
      return new Axis(lo, hi, false, ticks);
    }

    /** A log axis from 1 to max: decades labelled (1, 10, 100, 1k, 10k), 2..9 as minor ticks. */
    static Axis log(double min, double max) {
      List<Tick> ticks = new ArrayList<>();
      for (double decade = 1; decade <= max; decade *= 10) {
        for (int m = 1; m <= 9; m++) {
          double v = decade * m;
          if (v >= min && v <= max * (1 + 1e-9)) {
            ticks.add(new Tick(v, m == 1 ? decadeLabel(v) : "", m == 1));
          }
        }
      }
      return new Axis(min, max, true, ticks);
    }

    private static String decadeLabel(double v) {
      if (v >= 1e6) {
        return format(v / 1e6, 0) + "M";
      }
      if (v >= 1e3) {
        return format(v / 1e3, 0) + "k";
      }
      return format(v, 0);
    }

    private static double niceStep(double raw) {
      double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
      double f = raw / magnitude;
      double nice = f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10;
      return nice * magnitude;
    }

    private static String format(double v, int decimals) {
      return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
  }

  /** What the layout draws with; coordinates in figure units, y down. */
  interface Canvas {
    void beginGroup(String cssClass, String label);

    void endGroup();

    void line(double x1, double y1, double x2, double y2, String color, double width, boolean dashed);

    void polyline(double[] xs, double[] ys, String color, double width, String cssClass, String label);

    void area(double[] xs, double[] ys, String color, double opacity, String cssClass, String label);

    default void rect(double x, double y, double w, double h, String stroke, String fill) {
      rect(x, y, w, h, stroke, fill, 1);
    }

    void rect(double x, double y, double w, double h, String stroke, String fill, double fillOpacity);

    /** {@code anchor}: 's' start, 'm' middle, 'e' end; {@code vertical} reads bottom to top. */
    void text(double x, double y, String text, double size, char anchor, boolean bold, boolean vertical, String color);
  }
}
