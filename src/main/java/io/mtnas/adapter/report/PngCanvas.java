package io.mtnas.adapter.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Draws a figure into a BufferedImage with java.awt (headless) and encodes it as PNG. */
final class PngCanvas implements CurveChart.Canvas {
  private final BufferedImage image;
  private final Graphics2D g;

  PngCanvas(double width, double height, double scale) {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    image = new BufferedImage(
        (int) Math.ceil(width * scale), (int) Math.ceil(height * scale), BufferedImage.TYPE_INT_RGB);
    g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    g.scale(scale, scale);
  }

  byte[] finish() {
    g.dispose();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, "png", bytes)) {
        throw new IllegalStateException("no PNG writer in this JDK");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  public void beginGroup(String cssClass, String label) {}

  @Override
  public void endGroup() {}

  @Override
  public void line(double x1, double y1, double x2, double y2, String color, double width, boolean dashed) {
    g.setColor(color(color, 1));
    g.setStroke(dashed
        ? new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {5, 4}, 0)
        : new BasicStroke((float) width));
    g.draw(new Line2D.Double(x1, y1, x2, y2));
  }

  @Override
  public void polyline(double[] xs, double[] ys, String color, double width, String cssClass, String label) {
    if (xs.length == 0) {
      return;
    }
    g.setColor(color(color, 1));
    g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.draw(path(xs, ys, false));
  }

  @Override
  public void area(double[] xs, double[] ys, String color, double opacity, String cssClass, String label) {
    if (xs.length == 0) {
      return;
    }
    g.setColor(color(color, opacity));
    g.fill(path(xs, ys, true));
  }

  @Override
  public void rect(double x, double y, double w, double h, String stroke, String fill, double fillOpacity) {
    Rectangle2D r = new Rectangle2D.Double(x, y, w, h);
    if (fill != null) {
      g.setColor(color(fill, fillOpacity));
      g.fill(r);
    }
    if (stroke != null) {
      g.setColor(color(stroke, 1));
      g.setStroke(new BasicStroke(1));
      g.draw(r);
    }
  }

  @Override
  public void text(
      double x, double y, String text, double size, char anchor, boolean bold, boolean vertical, String color) {
    Font font = new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, 12).deriveFont((float) size);
    g.setFont(font);
    g.setColor(color(color, 1));
    double width = g.getFontMetrics().getStringBounds(text, g).getWidth();
    double dx = anchor == 'm' ? -width / 2 : anchor == 'e' ? -width : 0;
    AffineTransform saved = g.getTransform();
    g.translate(x, y);
    if (vertical) {
      g.rotate(-Math.PI / 2);
    }
    g.drawString(text, (float) dx, 0f);
    g.setTransform(saved);
  }

  private static Path2D path(double[] xs, double[] ys, boolean close) {
    Path2D.Double p = new Path2D.Double();
    p.moveTo(xs[0], ys[0]);
    for (int i = 1; i < xs.length; i++) {
      p.lineTo(xs[i], ys[i]);
    }
    if (close) {
      p.closePath();
    }
    return p;
  }

  private static Color color(String hex, double opacity) {
    int rgb = Integer.parseInt(hex.substring(1), 16);
    return new Color((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff, (int) Math.round(opacity * 255));
  }
}
