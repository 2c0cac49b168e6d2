package io.mtnas.adapter.benchmark;

import static io.mtnas.adapter.benchmark.SyntheticBenchmarks.setCell;
import static io.mtnas.adapter.benchmark.SyntheticBenchmarks.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damaged benchmark directories, one defect each, on full-size synthetic files (the loader checks
 * row counts against the space, so the files cannot be shrunk). Each message must let a user find
 * the defect without a debugger: file, line, column and the offending value.
 */
class BenchmarkTablesErrorsTest {
  // nb201.csv columns: arch_index, arch_str, op_code, score, cycle, cost_s
  private static final int INDEX = 0;
  private static final int ARCH = 1;
  private static final int SCORE = 3;

  @TempDir Path dir;

  private AbstractThrowableAssert<?, ? extends Throwable> assertOpenFails() {
    return assertThatThrownBy(() -> BenchmarkTables.open(dir)).isInstanceOf(BenchmarkDataException.class);
  }

  private static String archOfLine(List<String> lines, int line) {
    return lines.get(line - 1).split(",", -1)[ARCH];
  }

  @Test
  void missingDirectory() {
    Path absent = dir.resolve("no-such-dir");

    assertThatThrownBy(() -> BenchmarkTables.open(absent))
        .isInstanceOf(BenchmarkDataException.class)
        .hasMessage("benchmark directory " + absent + " does not exist");
  }

  @Test
  void absentTablesSayWhyWhenOneIsAskedFor() {
    BenchmarkTables none = BenchmarkTables.absent(dir.resolve("gone"), "benchmark directory gone does not exist");

    assertThat(none.has("nb201")).isFalse();
    assertThat(none.ids()).isEmpty();
    assertThatThrownBy(() -> none.get("nb201"))
        .isInstanceOf(BenchmarkDataException.class)
        .hasMessageStartingWith("benchmark directory gone does not exist (benchmark \"nb201\" needs it");
  }

  @Test
  void directoryWithoutAnyPrimaryFile() {
    // a supplement alone does not make a benchmark
    write(dir, "nb201_extra.csv", SyntheticBenchmarks.nb201Extra());

    assertOpenFails().hasMessage("benchmark directory " + dir + " holds none of [nb201.csv, transnas_micro.csv]");
  }

  @Test
  void emptyPrimaryFile() {
    Path p = write(dir, "nb201.csv", List.of());

    assertOpenFails().hasMessage(p + ": empty file, expected a header row");
  }

  @Test
  void duplicateColumnName() {
    List<String> lines = SyntheticBenchmarks.nb201();
    lines.set(0, "arch_index,arch_str,op_code,score,score,cost_s");
    Path p = write(dir, "nb201.csv", lines);

    assertOpenFails().hasMessage(p + " header: column \"score\" appears twice");
  }

  @Test
  void blankColumnName() {
    List<String> lines = SyntheticBenchmarks.nb201();
    lines.set(0, "arch_index,arch_str,op_code,score,,cost_s");
    Path p = write(dir, "nb201.csv", lines);

    assertOpenFails().hasMessage(p + " header: column 5 has no name");
  }

  @ParameterizedTest
  @ValueSource(strings = {"arch_str", "arch_index", "op_code"})
  void headerWithoutAKeyColumn(String column) {
    List<String> lines = SyntheticBenchmarks.nb201();
    lines.set(0, lines.get(0).replace(column, "renamed"));
    Path p = write(dir, "nb201.csv", lines);

    assertOpenFails().hasMessageStartingWith(p + " header: missing column(s) [" + column + "]");
  }

  @Test
  void transNasHeaderWithoutItsIndexColumn() {
    List<String> lines = SyntheticBenchmarks.transNas();
    lines.set(0, lines.get(0).replace("code_index", "idx"));
    Path p = write(dir, "transnas_micro.csv", lines);

    assertOpenFails().hasMessageStartingWith(p + " header: missing column(s) [code_index]");
  }

  @Test
  void oneRowMissing() {
    List<String> lines = SyntheticBenchmarks.nb201();
    lines.remove(500);
    Path p = write(dir, "nb201.csv", lines);

    assertOpenFails().hasMessage(p + ": 15624 data rows, expected 15625 (one per architecture of the space)");
  }

  @Test
  void transNasRowCountIsCheckedAgainstItsOwnSpace() {
    List<String> lines = SyntheticBenchmarks.transNas();
    lines.add(lines.get(1));
    Path p = write(dir, "transnas_micro.csv", lines);

    assertOpenFails().hasMessageContainingAll(p.toString(), "4097 data rows, expected 4096");
  }

  @Test
  void rowWithTooFewCells() {
    List<String> lines = SyntheticBenchmarks.nb201();
    String line10 = lines.get(9);
    lines.set(9, line10.substring(0, line10.lastIndexOf(',')));
    Path p = write(dir, "nb201.csv", lines);

    assertOpenFails().hasMessage(p + " line 10: 5 cells, the header has 6");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "NaN", "0x1p3"})
  void cellThatIsNotADecimalNumber(String cell) {
    List<String> lines = SyntheticBenchmarks.nb201();
    setCell(lines, 1234, SCORE, cell);
    Path p = write(dir, "nb201.csv", lines);

    assertOpenFails().hasMessage(p + " line 1234, column \"score\": \"" + cell + "\" is not a number");
  }

  @Test
  void malformedArchitectureStringNamesLineAndProblem() {
    List<String> lines = SyntheticBenchmarks.nb201();
    String bad = archOfLine(lines, 77).replaceFirst("~0\\|", "~9|");
    setCell(lines, 77, ARCH, bad);
    Path p = write(dir, "nb201.csv", lines);

    assertOpenFails()
        .hasMessageStartingWith(p + " line 77, column \"arch_str\": nb201 architecture \"" + bad + "\": ")
        .hasMessageContaining("source node must be 0");
  }

  @Test
  void sameArchitectureTwice() {
    List<String> lines = SyntheticBenchmarks.nb201();
    String twice = archOfLine(lines, 50);
    setCell(lines, 100, ARCH, twice);
    Path p = write(dir, "nb201.csv", lines);

    assertOpenFails().hasMessage(p + " line 100: architecture " + twice + " already appears on line 50");
  }

  @Test
  void emptyIndexCell() {
    List<String> lines = SyntheticBenchmarks.nb201();
    setCell(lines, 300, INDEX, "");
    Path p = write(dir, "nb201.csv", lines);

    assertOpenFails().hasMessage(p + " line 300, column \"arch_index\": empty, expected a whole number >= 0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.5", "-3", "inf"})
  void indexCellThatIsNoIndex(String cell) {
    List<String> lines = SyntheticBenchmarks.nb201();
    setCell(lines, 300, INDEX, cell);
    Path p = write(dir, "nb201.csv", lines);

    assertOpenFails().hasMessageStartingWith(p + " line 300, column \"arch_index\": \"")
        .hasMessageEndingWith("\", expected a whole number >= 0");
  }

  @Test
  void sameIndexTwice() {
    List<String> lines = SyntheticBenchmarks.nb201();
    String index = lines.get(40 - 1).split(",", -1)[INDEX];
    setCell(lines, 90, INDEX, index);
    Path p = write(dir, "nb201.csv", lines);

    assertOpenFails().hasMessage(p + " line 90, column \"arch_index\": " + index + " already appears on line 40");
  }

  @Test
  void supplementWhoseArchitectureDisagreesWithThePrimary() {
    Path primary = write(dir, "nb201.csv", SyntheticBenchmarks.nb201());
    List<String> extra = SyntheticBenchmarks.nb201Extra();
    String other = archOfLine(extra, 201);
    setCell(extra, 200, ARCH, other);
    Path p = write(dir, "nb201_extra.csv", extra);

    assertOpenFails()
        .hasMessageStartingWith(p + " line 200: row names arch_index=")
        .hasMessageContainingAll(" " + other + " but " + primary + " line 200 names ",
            "supplements must list the architectures in the primary file's order");
  }

  @Test
  void supplementWhoseIndexDisagreesWithThePrimary() {
    List<String> lines = SyntheticBenchmarks.nb201();
    Path primary = write(dir, "nb201.csv", lines);
    List<String> zeroCost = SyntheticBenchmarks.nb201ZeroCost();
    String primaryIndex = lines.get(300 - 1).split(",", -1)[INDEX];
    setCell(zeroCost, 300, INDEX, "99999");
    Path p = write(dir, "nb201_zero_cost.csv", zeroCost);

    assertOpenFails()
        .hasMessageStartingWith(p + " line 300: row names arch_index=99999 ")
        .hasMessageContaining(primary + " line 300 names " + primaryIndex + " ");
  }

  @Test
  void supplementWithAWrongRowCountIsNamed() {
    write(dir, "nb201.csv", SyntheticBenchmarks.nb201());
    List<String> extra = SyntheticBenchmarks.nb201Extra();
    extra.remove(extra.size() - 1);
    Path p = write(dir, "nb201_extra.csv", extra);

    assertOpenFails().hasMessageStartingWith(p + ": 15624 data rows, expected 15625");
  }

  @Test
  void supplementCellThatIsNotANumber() {
    write(dir, "nb201.csv", SyntheticBenchmarks.nb201());
    List<String> zeroCost = SyntheticBenchmarks.nb201ZeroCost();
    setCell(zeroCost, 4000, 2, "n/a");
    Path p = write(dir, "nb201_zero_cost.csv", zeroCost);

    assertOpenFails().hasMessage(p + " line 4000, column \"proxy\": \"n/a\" is not a number");
  }

  @Test
  void columnDefinedInTwoFiles() {
    write(dir, "nb201.csv", SyntheticBenchmarks.nb201());
    List<String> extra = SyntheticBenchmarks.nb201Extra();
    extra.set(0, "arch_index,arch_str,score");
    Path p = write(dir, "nb201_extra.csv", extra);

    assertOpenFails().hasMessage(
        p + " header: column \"score\" is already defined by another file of the same benchmark");
  }

  @Test
  void aBrokenSecondBenchmarkFailsTheWholeDirectory() {
    // a good nb201 must not hide a damaged transnas file: the search would run on half the data
    write(dir, "nb201.csv", SyntheticBenchmarks.nb201());
    List<String> transNas = SyntheticBenchmarks.transNas();
    setCell(transNas, 3000, 4, "x");
    Path p = write(dir, "transnas_micro.csv", transNas);

    assertOpenFails().hasMessage(p + " line 3000, column \"task_a\": \"x\" is not a number");
  }
}
