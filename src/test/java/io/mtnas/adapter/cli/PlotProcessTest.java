package io.mtnas.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@code bench --plot DIR} and {@code run --plot} end to end in their own JVM on the real tables. */
class PlotProcessTest {
  private static final Path TRANSNAS_SPEC = Path.of("conf/searches/transnas-3task.json").toAbsolutePath();
  private static final List<String> TASKS = List.of("class_object", "class_scene", "room_layout");

  @TempDir Path work;

  /** The real tables, from system property {@code mtnas.benchmarks} (a missing one fails the test). */
  private static String benchmarks() {
    return MtnasProcess.benchmarks().toString();
  }

  private static Element svg(Path file) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
  }

  /** The {@code data-series} of every curve path under root. */
  private static List<String> curves(Element root) {
    NodeList paths = root.getElementsByTagNameNS("http://www.w3.org/2000/svg", "path");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < paths.getLength(); i++) {
      Element p = (Element) paths.item(i);
      if (p.getAttribute("class").equals("curve")) {
        out.add(p.getAttribute("data-series"));
      }
    }
    return out;
  }

  private static String tableOf(String stdout) {
    return stdout.substring(0, stdout.indexOf(" searches in "));
  }

  @Test
  void benchPlotWritesOneFigurePerTaskAndOneWithAll() throws Exception {
    var r = MtnasProcess.run(work, "bench", TRANSNAS_SPEC.toString(), "--seeds", "1..2", "--strategies", "random,rea",
        "--benchmarks", benchmarks(), "--plot", "plots", "--plot-format", "svg,png");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    Path plots = work.resolve("plots");
    for (String task : TASKS) {
      Path file = plots.resolve("transnas-3task-" + task + ".svg");
      assertThat(file).isRegularFile();
      Element root = svg(file);
      assertThat(curves(root)).containsExactly("random", "rea");
      assertThat(root.getTextContent()).contains(task).contains("mean over 2 seeds").contains("25th–75th percentile");
      assertThat(plots.resolve("transnas-3task-" + task + ".png")).isRegularFile();
    }
    Element all = svg(plots.resolve("transnas-3task.svg"));
    assertThat(curves(all)).containsExactly("random", "rea", "random", "rea", "random", "rea");
    byte[] png = Files.readAllBytes(plots.resolve("transnas-3task.png"));
    assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    assertThat(r.stderr()).contains("transnas-3task-room_layout.svg");
    try (var files = Files.list(plots)) {
      assertThat(files.filter(f -> f.getFileName().toString().endsWith(".tmp"))).isEmpty();
    }

    // the table on stdout is the same as without --plot
    var plain = MtnasProcess.run(work, "bench", TRANSNAS_SPEC.toString(), "--seeds", "1..2", "--strategies",
        "random,rea", "--benchmarks", benchmarks());
    assertThat(plain.exitCode()).as(plain.stderr()).isZero();
    assertThat(tableOf(r.stdout())).isEqualTo(tableOf(plain.stdout()));
  }

  @Test
  void runPlotWritesCurvesSvgForTheSingleRun() throws Exception {
    var r = MtnasProcess.run(work, "run", TRANSNAS_SPEC.toString(), "--seed", "4", "--benchmarks", benchmarks(),
        "--out", "out", "--plot", "--plot-y", "fitness");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    Element root = svg(work.resolve("out/curves.svg"));
    assertThat(curves(root)).containsExactly("rea, seed 4", "rea, seed 4", "rea, seed 4");
    assertThat(root.getTextContent()).contains("best fitness so far").contains("one run");
    assertThat(work.resolve("out/report.json")).isRegularFile();
  }

  @Test
  void runWithoutPlotWritesNoCurves() throws Exception {
    var r = MtnasProcess.run(work, "run", TRANSNAS_SPEC.toString(), "--benchmarks", benchmarks(), "--out", "out");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(work.resolve("out/curves.svg")).doesNotExist();
  }

  @Test
  void badPlotFlagsExitTwoBeforeSearching() throws Exception {
    var y = MtnasProcess.run(work, "bench", TRANSNAS_SPEC.toString(), "--seeds", "1", "--benchmarks", benchmarks(),
        "--plot", "plots", "--plot-y", "accuracy");
    assertThat(y.exitCode()).isEqualTo(2);
    assertThat(y.stderr()).contains("--plot-y").contains("accuracy");
    assertThat(work.resolve("plots")).doesNotExist();
    var format = MtnasProcess.run(work, "run", TRANSNAS_SPEC.toString(), "--benchmarks", benchmarks(),
        "--out", "out", "--plot", "--plot-format", "pdf");
    assertThat(format.exitCode()).isEqualTo(2);
    assertThat(format.stderr()).contains("--plot-format");
    assertThat(work.resolve("out")).doesNotExist();
    var x = MtnasProcess.run(work, "run", TRANSNAS_SPEC.toString(), "--benchmarks", benchmarks(),
        "--out", "out", "--plot", "--plot-x", "sqrt");
    assertThat(x.exitCode()).isEqualTo(2);
    assertThat(x.stderr()).contains("--plot-x");
  }
}
