package io.mtnas.adapter.report;

import java.util.Locale;

/** Draws a figure as SVG text: plain elements, numbers with at most one decimal. */
final class SvgCanvas implements CurveChart.Canvas {
  private final StringBuilder out = new StringBuilder(64 * 1024);
  private int indent = 1;

  SvgCanvas(double width, double height) {
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(n(width)).append("\" height=\"")
        .append(n(height)).append("\" viewBox=\"0 0 ").append(n(width)).append(' ').append(n(height))
        .append("\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n");
  }

  String finish() {
    return out.append("</svg>\n").toString();
  }

  @Override
  public void beginGroup(String cssClass, String label) {
    pad().append("<g class=\"").append(escape(cssClass)).append('"');
    if (label != null) {
      out.append(" data-label=\"").append(escape(label)).append('"');
    }
    out.append(">\n");
    indent++;
  }

  @Override
  public void endGroup() {
    indent--;
    pad().append("</g>\n");
  }

  @Override
  public void line(double x1, double y1, double x2, double y2, String color, double width, boolean dashed) {
    pad().append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
        .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(color).append("\" stroke-width=\"")
        .append(n(width)).append('"');
    if (dashed) {
      out.append(" stroke-dasharray=\"5 4\"");
    }
    out.append("/>\n");
  }

  @Override
  public void polyline(double[] xs, double[] ys, String color, double width, String cssClass, String label) {
    openPath(cssClass, label).append("\" fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"")
        .append(n(width)).append("\" stroke-linejoin=\"round\" stroke-linecap=\"round\" d=\"");
    path(xs, ys);
    out.append("\"/>\n");
  }

  @Override
  public void area(double[] xs, double[] ys, String color, double opacity, String cssClass, String label) {
    openPath(cssClass, label).append("\" fill=\"").append(color).append("\" fill-opacity=\"").append(n2(opacity))
        .append("\" stroke=\"none\" d=\"");
    path(xs, ys);
    out.append("Z\"/>\n");
  }

  /** {@code <path class="..." data-series="...}, the attribute left open. */
  private StringBuilder openPath(String cssClass, String label) {
    return pad().append("<path class=\"").append(cssClass).append("\" data-series=\"").append(escape(label));
  }

  @Override
  public void rect(double x, double y, double w, double h, String stroke, String fill, double fillOpacity) {
    pad().append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
        .append("\" height=\"").append(n(h)).append("\" fill=\"").append(fill == null ? "none" : fill).append('"');
    if (fill != null && fillOpacity < 1) {
      out.append(" fill-opacity=\"").append(n2(fillOpacity)).append('"');
    }
    if (stroke != null) {
      out.append(" stroke=\"").append(stroke).append("\" stroke-width=\"1\"");
    }
    out.append("/>\n");
  }

  @Override
  public void text(
      double x, double y, String text, double size, char anchor, boolean bold, boolean vertical, String color) {
    pad().append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-size=\"").append(n(size))
        .append("\" fill=\"").append(color).append('"');
    if (anchor != 's') {
      out.append(" text-anchor=\"").append(anchor == 'm' ? "middle" : "end").append('"');
    }
    if (bold) {
      out.append(" font-weight=\"bold\"");
    }
    if (vertical) {
      out.append(" transform=\"rotate(-90 ").append(n(x)).append(' ').append(n(y)).append(")\"");
    }
    out.append('>').append(escape(text)).append("</text>\n");
  }

  private void path(double[] xs, double[] ys) {
    for (int i = 0; i < xs.length; i++) {
      out.append(i == 0 ? 'M' : 'L').append(n(xs[i])).append(',').append(n(ys[i]));
    }
  }

  private StringBuilder pad() {
    return out.append("  ".repeat(indent));
  }

  /** A coordinate with at most one decimal, without a trailing ".0". */
  static String n(double v) {
    long tenths = Math.round(v * 10);
    return tenths % 10 == 0 ? Long.toString(tenths / 10) : String.format(Locale.ROOT, "%.1f", tenths / 10.0);
  }

  private static String n2(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        default -> {
          if (ch >= 0x20 || ch == '\t' || ch == '\n') {
            b.append(ch);
          }
        }
      }
    }
    return b.toString();
  }
}
