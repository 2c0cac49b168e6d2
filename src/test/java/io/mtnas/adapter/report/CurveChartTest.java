package io.mtnas.adapter.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class CurveChartTest {
  private static final List<String> TASKS = List.of("cifar10-valid", "cifar100", "imagenet16-120");
  private static final List<String> STRATEGIES = List.of("random", "rea & <friends>");

  /** Two strategies, three seeds each, three tasks; the guided one gets there sooner. */
  private static List<CurveFigures.Run> runs(int longest) {
    List<CurveFigures.Run> runs = new ArrayList<>();
    for (int s = 0; s < STRATEGIES.size(); s++) {
      for (int seed = 1; seed <= 3; seed++) {
        int length = longest / (s + 1) / seed;
        double[] best = new double[length];
        for (int i = 0; i < length; i++) {
          best[i] = 90 - 10.0 / (i + 1) - (i == length - 1 ? 0 : 0.5 / seed);
        }
        best[length - 1] = 90;
        Curves.Curve c = Curves.Curve.of(best);
        runs.add(new CurveFigures.Run(STRATEGIES.get(s), Map.of(TASKS.get(0), c, TASKS.get(1), c, TASKS.get(2), c)));
      }
    }
    return runs;
  }

  private static List<CurveFigures.TaskInfo> tasks() {
    return TASKS.stream()
        .map(t -> new CurveFigures.TaskInfo(t, t + "_val_acc", 90, OptionalDouble.of(89.9)))
        .toList();
  }

  private static Document parse(String svg) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<Element> elements(Element root, String tag, String cssClass) {
    NodeList nodes = root.getElementsByTagNameNS("http://www.w3.org/2000/svg", tag);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      Element e = (Element) nodes.item(i);
      if (cssClass == null || cssClass.equals(e.getAttribute("class"))) {
        out.add(e);
      }
    }
    return out;
  }

  private static String texts(Element root) {
    StringBuilder b = new StringBuilder();
    elements(root, "text", null).forEach(t -> b.append(t.getTextContent()).append('\n'));
    return b.toString();
  }

  @Test
  void svgIsWellFormedWithOneLineAndBandPerStrategyPerTask() throws Exception {
    CurveChart.Figure figure =
        CurveFigures.figure("nb201: gap", tasks(), STRATEGIES, runs(5000), CurveFigures.YAxis.GAP,
            CurveFigures.XScale.AUTO);
    String svg = CurveChart.svg(figure);
    Element root = parse(svg).getDocumentElement();
    assertThat(root.getLocalName()).isEqualTo("svg");
    assertThat(Double.parseDouble(root.getAttribute("width"))).isEqualTo(3 * CurveChart.PANEL_WIDTH);

    List<Element> panels = elements(root, "g", "panel");
    assertThat(panels).extracting(p -> p.getAttribute("data-label")).containsExactlyElementsOf(TASKS);
    for (Element panel : panels) {
      assertThat(elements(panel, "path", "curve")).extracting(p -> p.getAttribute("data-series"))
          .containsExactlyElementsOf(STRATEGIES);
      assertThat(elements(panel, "path", "band")).hasSize(STRATEGIES.size());
      for (Element path : elements(panel, "path", "curve")) {
        assertThat(path.getAttribute("d")).startsWith("M").contains("L");
      }
      assertThat(texts(panel)).contains("evaluations (log scale)").contains("gap to optimum")
          .contains("optimum 90").contains("\n1\n").contains("\n10\n").contains("\n1k\n");
    }
    assertThat(elements(root, "path", "curve")).hasSize(TASKS.size() * STRATEGIES.size());
    // curves of one strategy share a colour, different strategies differ
    var colours = elements(panels.get(0), "path", "curve").stream().map(p -> p.getAttribute("stroke")).toList();
    assertThat(colours).doesNotHaveDuplicates();
    assertThat(elements(panels.get(2), "path", "curve").get(1).getAttribute("stroke")).isEqualTo(colours.get(1));

    Element legend = elements(root, "g", "legend").get(0);
    assertThat(texts(legend).replace('\n', ' ')).contains("random").contains("rea & <friends>")
        .contains("mean over 3 seeds").contains("25th–75th percentile").contains("keeps its final value");
    assertThat(texts(root)).contains("nb201: gap");
  }

  @Test
  void linearAxesForShortRunsAndFitnessWithTheThreshold() throws Exception {
    CurveChart.Figure figure = CurveFigures.figure("t", tasks(), STRATEGIES, runs(50), CurveFigures.YAxis.FITNESS,
        CurveFigures.XScale.AUTO);
    assertThat(figure.logX()).isFalse();
    assertThat(figure.logY()).isFalse();
    Element root = parse(CurveChart.svg(figure)).getDocumentElement();
    String text = texts(root);
    assertThat(text).contains("best fitness so far").contains("threshold").doesNotContain("log scale");
    assertThat(text).contains("\n0\n").contains("\n50\n");
    // the threshold is a dashed line in each panel
    assertThat(elements(root, "line", null).stream().filter(l -> l.hasAttribute("stroke-dasharray")).count())
        .isEqualTo(TASKS.size());
  }

  @Test
  void logGapPutsZeroAtTheBottom() throws Exception {
    CurveChart.Figure figure = CurveFigures.figure("t", tasks(), STRATEGIES, runs(3000), CurveFigures.YAxis.LOG_GAP,
        CurveFigures.XScale.LOG);
    assertThat(figure.logY()).isTrue();
    Element root = parse(CurveChart.svg(figure)).getDocumentElement();
    String text = texts(elements(root, "g", "panel").get(0));
    assertThat(text).contains("gap to optimum (log scale)").contains("\n0\n").contains("\n1\n");
    assertThat(figure.note()).contains("drops to the bottom tick, 0");
    // runs that never reach the optimum: no 0 tick and no word of it
    List<CurveFigures.TaskInfo> far = TASKS.stream()
        .map(t -> new CurveFigures.TaskInfo(t, t + "_val_acc", 95, OptionalDouble.empty()))
        .toList();
    CurveChart.Figure never = CurveFigures.figure("t", far, STRATEGIES, runs(3000), CurveFigures.YAxis.LOG_GAP,
        CurveFigures.XScale.LOG);
    assertThat(never.note()).doesNotContain("bottom tick");
    assertThat(texts(parse(CurveChart.svg(never)).getDocumentElement())).doesNotContain("\n0\n")
        .contains("\n5\n").contains("\n10\n");
    // every curve point lies inside its panel
    for (Element path : elements(root, "path", "curve")) {
      for (String point : path.getAttribute("d").substring(1).split("L")) {
        double y = Double.parseDouble(point.split(",")[1]);
        assertThat(y).isBetween(0.0, Double.parseDouble(root.getAttribute("height")));
      }
    }
  }

  @Test
  void oneRunDrawsNoBandAndSaysSo() throws Exception {
    Curves.Curve c = Curves.Curve.of(new double[] {80, 85, 90});
    CurveChart.Figure figure = CurveFigures.figure("run", tasks(), List.of("rea, seed 1"),
        List.of(new CurveFigures.Run("rea, seed 1", Map.of(TASKS.get(0), c, TASKS.get(1), c, TASKS.get(2), c))),
        CurveFigures.YAxis.GAP, CurveFigures.XScale.AUTO);
    Element root = parse(CurveChart.svg(figure)).getDocumentElement();
    assertThat(elements(root, "path", "curve")).hasSize(3);
    assertThat(elements(root, "path", "band")).isEmpty();
    assertThat(texts(root)).contains("one run").contains("rea, seed 1");
  }

  @Test
  void onePanelFigureAndAStrategyWithoutRunsOnATask() throws Exception {
    List<CurveFigures.Run> runs = new ArrayList<>(runs(100));
    CurveChart.Figure figure = CurveFigures.figure("a long title that has to wrap because one panel is narrow, "
            + "much narrower than the three", tasks(), List.of("random", "rea & <friends>", "unused"), runs,
        CurveFigures.YAxis.GAP, CurveFigures.XScale.LINEAR);
    CurveChart.Figure one = figure.only(1);
    Element root = parse(CurveChart.svg(one)).getDocumentElement();
    assertThat(Double.parseDouble(root.getAttribute("width"))).isEqualTo(CurveChart.SINGLE_PANEL_WIDTH);
    assertThat(elements(root, "g", "panel")).hasSize(1);
    assertThat(elements(root, "path", "curve")).hasSize(2);
    assertThat(texts(root)).contains("unused"); // still in the legend, with its colour
  }

  @Test
  void aSeriesMustBeInTheLegendAndRunsOfUnknownStrategiesAreRejected() {
    assertThatThrownBy(() -> CurveFigures.figure("t", tasks(), List.of("random"), runs(10), CurveFigures.YAxis.GAP,
        CurveFigures.XScale.AUTO)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pngIsDrawnHeadless() throws Exception {
    CurveChart.Figure figure = CurveFigures.figure("png", tasks(), STRATEGIES, runs(500), CurveFigures.YAxis.LOG_GAP,
        CurveFigures.XScale.AUTO);
    byte[] png = CurveChart.png(figure, 1);
    assertThat(java.awt.GraphicsEnvironment.isHeadless()).isTrue();
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getWidth()).isEqualTo((int) Math.ceil(3 * CurveChart.PANEL_WIDTH));
    // not blank: the first strategy's colour appears somewhere
    int blue = 0x0072B2;
    boolean found = false;
    for (int x = 0; x < image.getWidth() && !found; x++) {
      for (int y = 0; y < image.getHeight() && !found; y++) {
        found = (image.getRGB(x, y) & 0xffffff) == blue;
      }
    }
    assertThat(found).isTrue();
  }

  @Test
  void svgNumbersAndEscapes() {
    assertThat(SvgCanvas.n(3.0)).isEqualTo("3");
    assertThat(SvgCanvas.n(3.04)).isEqualTo("3");
    assertThat(SvgCanvas.n(3.06)).isEqualTo("3.1");
    assertThat(SvgCanvas.n(-0.25)).isEqualTo("-0.2");
    assertThat(SvgCanvas.escape("a<b & \"c\">")).isEqualTo("a&lt;b &amp; &quot;c&quot;&gt;");
  }
}
