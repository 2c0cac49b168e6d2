package io.mtnas.adapter.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The CSV reader on tiny files: cell-level rules are cheaper to pin here than on 15,625 rows. */
class CsvFileTest {
  private static final Set<String> TEXT = Set.of("name");
  private static final List<String> REQUIRED = List.of("id");

  @TempDir Path dir;

  private Path file(String content) throws IOException {
    Path p = dir.resolve("t.csv");
    Files.writeString(p, content);
    return p;
  }

  private CsvFile read(String content, int rows) throws IOException {
    return CsvFile.read(file(content), TEXT, REQUIRED, rows);
  }

  @Test
  void readsTextAndNumberColumnsInFileOrder() throws IOException {
    CsvFile csv = read("id,name,x\n0,a,1.5\n1,b,-2\n", 2);

    assertThat(csv.header()).containsExactly("id", "name", "x");
    assertThat(csv.rows()).isEqualTo(2);
    assertThat(csv.text("name")).containsExactly("a", "b");
    assertThat(csv.numbers()).containsOnlyKeys("id", "x");
    assertThat(csv.numbers().get("x")).containsExactly(1.5, -2.0);
    assertThat(csv.path()).isEqualTo(dir.resolve("t.csv"));
  }

  @Test
  void trailingNewlinesAreNotRowsAndAMissingOneIsFine() throws IOException {
    assertThat(read("id,name\n0,a\n1,b", 2).rows()).isEqualTo(2);
    assertThat(read("id,name\n0,a\n1,b\n\n\n", 2).rows()).isEqualTo(2);
  }

  @Test
  void emptyCellIsNaNAndInfinitiesAreKept() throws IOException {
    CsvFile csv = read("id,name,x\n0,a,\n1,b,-inf\n2,c,inf\n", 3);

    assertThat(csv.numbers().get("x")[0]).isNaN();
    assertThat(csv.numbers().get("x")[1]).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(csv.numbers().get("x")[2]).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "1e3;1000", "-0.25E-2;-0.0025", ".5;0.5", "5.;5", "+7;7", "007;7",
        "inf;Infinity", "+inf;Infinity", "Infinity;Infinity", "-Infinity;-Infinity"
      })
  void acceptsPlainDecimalsAndTheSpelledOutInfinities(String cell, double expected) throws IOException {
    assertThat(read("id,name,x\n0,a," + cell + "\n", 1).numbers().get("x")[0]).isEqualTo(expected);
  }

  // "NaN" would hide a missing value and "0x1p3" is a Java-only hex float; the rest are typos
  // that Double.parseDouble would partly accept (it trims blanks and takes a 'd'/'f' suffix).
  @ParameterizedTest
  @ValueSource(strings = {"abc", "NaN", "0x1p3", "0X1.8P1", "1d", "2f", " 1", "1 ", "1e", "e5", ".", "-", "--1", "1e+"})
  void rejectsAnythingButAPlainDecimal(String cell) throws IOException {
    Path p = file("id,name,x\n0,a,1\n1,b," + cell + "\n");

    assertThatThrownBy(() -> CsvFile.read(p, TEXT, REQUIRED, 2))
        .isInstanceOf(BenchmarkDataException.class)
        .hasMessage(p + " line 3, column \"x\": \"" + cell + "\" is not a number");
  }

  @Test
  void aNumericIndexColumnRejectsTextToo() throws IOException {
    Path p = file("id,name\n0,a\nseven,b\n");

    assertThatThrownBy(() -> CsvFile.read(p, TEXT, REQUIRED, 2))
        .hasMessageContainingAll(p.toString(), "line 3", "column \"id\"", "\"seven\"");
  }

  @Test
  void emptyFileOrBlankHeaderLine() throws IOException {
    Path empty = file("");
    assertThatThrownBy(() -> CsvFile.read(empty, TEXT, REQUIRED, 0))
        .isInstanceOf(BenchmarkDataException.class)
        .hasMessage(empty + ": empty file, expected a header row");

    Path blank = file("\nid,name\n");
    assertThatThrownBy(() -> CsvFile.read(blank, TEXT, REQUIRED, 1)).hasMessageContaining("empty file");
  }

  @Test
  void missingFileNamesThePath() {
    Path p = dir.resolve("absent.csv");

    assertThatThrownBy(() -> CsvFile.read(p, TEXT, REQUIRED, 1))
        .isInstanceOf(BenchmarkDataException.class)
        .hasMessageStartingWith("cannot read benchmark file " + p)
        .hasCauseInstanceOf(IOException.class);
  }

  @Test
  void duplicateColumnName() throws IOException {
    Path p = file("id,name,x,x\n0,a,1,2\n");

    assertThatThrownBy(() -> CsvFile.read(p, TEXT, REQUIRED, 1))
        .hasMessage(p + " header: column \"x\" appears twice");
  }

  @Test
  void blankColumnNameGivesItsPosition() throws IOException {
    Path p = file("id,name, ,x\n0,a,1,2\n");

    assertThatThrownBy(() -> CsvFile.read(p, TEXT, REQUIRED, 1))
        .hasMessage(p + " header: column 3 has no name");
  }

  @Test
  void missingTextAndRequiredColumnsAreAllListed() throws IOException {
    Path p = file("x,y\n1,2\n");

    assertThatThrownBy(() -> CsvFile.read(p, TEXT, REQUIRED, 1))
        .hasMessage(p + " header: missing column(s) [name, id]; header is [x, y]");
  }

  @Test
  void wrongRowCountSaysBoth() throws IOException {
    Path p = file("id,name\n0,a\n1,b\n2,c\n");

    assertThatThrownBy(() -> CsvFile.read(p, TEXT, REQUIRED, 2))
        .hasMessageContainingAll(p.toString(), "3 data rows, expected 2");
  }

  @Test
  void rowWithTooFewOrTooManyCells() throws IOException {
    Path few = file("id,name,x\n0,a,1\n1,b\n");
    assertThatThrownBy(() -> CsvFile.read(few, TEXT, REQUIRED, 2))
        .hasMessage(few + " line 3: 2 cells, the header has 3");

    Path many = file("id,name,x\n0,a,1,9\n1,b,2\n");
    assertThatThrownBy(() -> CsvFile.read(many, TEXT, REQUIRED, 2))
        .hasMessage(many + " line 2: 4 cells, the header has 3");
  }

  @Test
  void blankLineInsideTheDataIsARowWithOneCell() throws IOException {
    Path p = file("id,name\n0,a\n\n1,b\n");

    assertThatThrownBy(() -> CsvFile.read(p, TEXT, REQUIRED, 3)).hasMessage(p + " line 3: 1 cells, the header has 2");
  }
}
