package io.mtnas.adapter.benchmark;

import static io.mtnas.adapter.benchmark.SyntheticBenchmarks.EXTRA_EMPTY_CODE;
import static io.mtnas.adapter.benchmark.SyntheticBenchmarks.NB201;
import static io.mtnas.adapter.benchmark.SyntheticBenchmarks.NB201_ROWS;
import static io.mtnas.adapter.benchmark.SyntheticBenchmarks.PROXY_EMPTY_CODE;
import static io.mtnas.adapter.benchmark.SyntheticBenchmarks.PROXY_NEG_INF_CODE;
import static io.mtnas.adapter.benchmark.SyntheticBenchmarks.TRANSNAS_ROWS;
import static io.mtnas.adapter.benchmark.SyntheticBenchmarks.codeOfRow;
import static io.mtnas.adapter.benchmark.SyntheticBenchmarks.nb201Arch;
import static io.mtnas.adapter.benchmark.SyntheticBenchmarks.officialOfRow;
import static io.mtnas.adapter.benchmark.SyntheticBenchmarks.transNasArch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtnas.domain.evaluation.Direction;
import io.mtnas.domain.space.Architecture;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Lookups, optima, ranks and counts on the synthetic tables, whose every value is known. */
class BenchmarkTableTest {
  @TempDir static Path dir;
  static BenchmarkTables tables;
  static BenchmarkTable nb201;
  static BenchmarkTable transNas;

  @BeforeAll
  static void load() {
    tables = BenchmarkTables.open(SyntheticBenchmarks.writeAll(dir));
    nb201 = tables.get("nb201");
    transNas = tables.get("transnas-micro");
  }

  @Test
  void loadsBothBenchmarksWithTheirFilesPrimaryFirst() {
    assertThat(tables.ids()).containsExactly("nb201", "transnas-micro");
    assertThat(tables.directory()).isEqualTo(dir);
    assertThat(nb201.space()).isSameAs(NB201);
    assertThat(nb201.size()).isEqualTo(NB201_ROWS);
    assertThat(transNas.size()).isEqualTo(TRANSNAS_ROWS);
    assertThat(nb201.files()).containsExactly(
        dir.resolve("nb201.csv"), dir.resolve("nb201_extra.csv"), dir.resolve("nb201_zero_cost.csv"));
    assertThat(transNas.files()).containsExactly(dir.resolve("transnas_micro.csv"));
  }

  @Test
  void columnsAreTheNumericOnesOfAllFilesSortedAndTheSupplementIndexIsNotRepeated() {
    // text columns (arch_str, op_code, cell_str) are keys, not metrics
    assertThat(nb201.columns()).containsExactly("arch_index", "cost_s", "cycle", "extra_acc", "proxy", "score");
    assertThat(transNas.columns()).containsExactly("code_index", "task_a", "task_b");
    assertThat(nb201.hasColumn("proxy")).isTrue();
    assertThat(nb201.hasColumn("arch_str")).isFalse();
  }

  @Test
  void valuesAreFoundByArchitectureWhateverTheRowOrder() {
    // rows are permuted, so a row-indexed lookup would fail on nearly every architecture
    for (int r = 0; r < NB201_ROWS; r++) {
      int code = codeOfRow(r, NB201_ROWS);
      Architecture a = nb201Arch(code);
      assertThat(nb201.value("score", a)).isEqualTo(SyntheticBenchmarks.score(code));
      assertThat(nb201.value("cycle", a)).isEqualTo(SyntheticBenchmarks.cycle(code));
      assertThat(nb201.value("cost_s", a)).isEqualTo(SyntheticBenchmarks.cost(code));
      assertThat(nb201.officialIndex(a)).hasValue(officialOfRow(r, NB201_ROWS));
    }
    for (int r = 0; r < TRANSNAS_ROWS; r++) {
      int code = codeOfRow(r, TRANSNAS_ROWS);
      assertThat(transNas.value("task_a", transNasArch(code))).isEqualTo(code / 10.0);
      assertThat(transNas.officialIndex(transNasArch(code))).hasValue(officialOfRow(r, TRANSNAS_ROWS));
    }
  }

  @Test
  void architecturesParsedFromTheirStringsFindTheSameRow() {
    Architecture a = NB201.parse(
        "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|");
    assertThat(nb201.value("score", a)).isEqualTo(a.index() / 100.0);
    assertThat(nb201.value("arch_index", a))
        .isEqualTo(SyntheticBenchmarks.officialOfCode((int) a.index(), NB201_ROWS));
  }

  @Test
  void officialIndexIsTheFilesIndexColumnNotTheCodeIndex() {
    Architecture a = nb201Arch(0);
    long official = SyntheticBenchmarks.officialOfCode(0, NB201_ROWS);

    assertThat(official).isNotZero();
    assertThat(nb201.officialIndex(a)).hasValue(official);
  }

  @Test
  void emptyCellIsNaNAndMinusInfinityIsKept() {
    assertThat(nb201.value("extra_acc", nb201Arch(EXTRA_EMPTY_CODE))).isNaN();
    assertThat(nb201.value("extra_acc", nb201Arch(EXTRA_EMPTY_CODE + 1))).isEqualTo((EXTRA_EMPTY_CODE + 1) / 10.0);
    assertThat(nb201.value("proxy", nb201Arch(PROXY_EMPTY_CODE))).isNaN();
    assertThat(nb201.value("proxy", nb201Arch(PROXY_NEG_INF_CODE))).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void unknownColumnOrForeignArchitectureIsAnIllegalArgument() {
    assertThatThrownBy(() -> nb201.value("nope", nb201Arch(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("benchmark nb201 has no column \"nope\"");
    assertThatThrownBy(() -> nb201.value("score", transNasArch(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("architecture of space transnas-micro looked up in benchmark nb201 (space nb201)");
  }

  @Test
  void optimumInBothDirections() {
    assertThat(nb201.optimum("score", Direction.MAX))
        .isEqualTo(new BenchmarkTable.Optimum((NB201_ROWS - 1) / 100.0, nb201Arch(NB201_ROWS - 1)));
    assertThat(nb201.optimum("score", Direction.MIN)).isEqualTo(new BenchmarkTable.Optimum(0.0, nb201Arch(0)));
  }

  @Test
  void optimumTieGoesToTheLowestCodeIndexNotTheFirstRow() {
    // cycle = (c+3) mod 7: 6 first at c=3, 0 first at c=4. Row 0 holds code 11 (cycle 0), so a
    // loader that kept the first row of a tie would answer 11 for MIN.
    assertThat(nb201.optimum("cycle", Direction.MAX)).isEqualTo(new BenchmarkTable.Optimum(6.0, nb201Arch(3)));
    assertThat(nb201.optimum("cycle", Direction.MIN)).isEqualTo(new BenchmarkTable.Optimum(0.0, nb201Arch(4)));
  }

  @Test
  void optimumSkipsEmptyCellsAndMayBeMinusInfinity() {
    // proxy = -c: max would be c=0, min is the -inf cell
    assertThat(nb201.optimum("proxy", Direction.MAX).architecture()).isEqualTo(nb201Arch(0));
    assertThat(nb201.optimum("proxy", Direction.MIN))
        .isEqualTo(new BenchmarkTable.Optimum(Double.NEGATIVE_INFINITY, nb201Arch(PROXY_NEG_INF_CODE)));
  }

  @Test
  void optimumOfAColumnWithoutValuesIsAnError() {
    double[] empty = new double[NB201_ROWS];
    Arrays.fill(empty, Double.NaN);
    BenchmarkTable t = new BenchmarkTable("t", NB201, Map.of("void", empty), new long[NB201_ROWS], List.of());

    assertThatThrownBy(() -> t.optimum("void", Direction.MAX)).hasMessage("column void of t has no values");
  }

  @Test
  void rankOneIsTheBestAndRanksCountStrictlyBetterArchitectures() {
    assertThat(nb201.rank("score", Direction.MAX, nb201Arch(NB201_ROWS - 1))).isEqualTo(1);
    assertThat(nb201.rank("score", Direction.MAX, nb201Arch(0))).isEqualTo(NB201_ROWS);
    assertThat(nb201.rank("score", Direction.MIN, nb201Arch(0))).isEqualTo(1);
    assertThat(nb201.rank("score", Direction.MIN, nb201Arch(41))).isEqualTo(42);
  }

  @Test
  void tiedArchitecturesShareARank() {
    // cycle 6 is held by c = 3, 10, ..., 15620: 2232 architectures, all rank 1; cycle 5 comes next
    assertThat(nb201.rank("cycle", Direction.MAX, nb201Arch(3))).isEqualTo(1);
    assertThat(nb201.rank("cycle", Direction.MAX, nb201Arch(15_620))).isEqualTo(1);
    assertThat(nb201.rank("cycle", Direction.MAX, nb201Arch(2))).isEqualTo(1 + 2232);
    assertThat(nb201.rank("cycle", Direction.MIN, nb201Arch(4))).isEqualTo(1);
    assertThat(nb201.rank("cycle", Direction.MIN, nb201Arch(11))).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Direction.class)
  void rankAgreesWithCountingForEveryArchitecture(Direction direction) {
    // brute-force oracle over a column with ties, an empty cell and -inf
    double[] proxy = new double[NB201_ROWS];
    for (int c = 0; c < NB201_ROWS; c++) {
      proxy[c] = nb201.value("proxy", nb201Arch(c));
    }
    double[] sorted = Arrays.stream(proxy).filter(v -> !Double.isNaN(v)).sorted().toArray();
    for (int c = 0; c < NB201_ROWS; c += 97) {
      double v = proxy[c];
      long better = Arrays.stream(sorted).filter(o -> direction.isBetter(o, v)).count();
      int expected = Double.isNaN(v) ? NB201_ROWS : (int) (1 + better);
      assertThat(nb201.rank("proxy", direction, nb201Arch(c))).as("code %d", c).isEqualTo(expected);
    }
  }

  @Test
  void rankWithMinusInfinity() {
    Architecture negInf = nb201Arch(PROXY_NEG_INF_CODE);
    assertThat(nb201.rank("proxy", Direction.MIN, negInf)).isEqualTo(1);
    // last among the 15,624 architectures that have a value
    assertThat(nb201.rank("proxy", Direction.MAX, negInf)).isEqualTo(NB201_ROWS - 1);
  }

  @Test
  void architectureWithoutAValueRanksLast() {
    assertThat(nb201.rank("proxy", Direction.MAX, nb201Arch(PROXY_EMPTY_CODE))).isEqualTo(NB201_ROWS);
    assertThat(nb201.rank("proxy", Direction.MIN, nb201Arch(PROXY_EMPTY_CODE))).isEqualTo(NB201_ROWS);
  }

  @Test
  void countReachingIncludesTheThresholdAndSkipsEmptyCells() {
    assertThat(nb201.countReaching("score", Direction.MAX, 150.0)).isEqualTo(NB201_ROWS - 15_000); // c >= 15000
    assertThat(nb201.countReaching("score", Direction.MIN, 0.5)).isEqualTo(51); // c <= 50
    assertThat(nb201.countReaching("score", Direction.MAX, 1e9)).isZero();
    assertThat(nb201.countReaching("cycle", Direction.MAX, 6)).isEqualTo(2232);
    // every valued cell reaches -inf, the empty one does not
    assertThat(nb201.countReaching("proxy", Direction.MAX, Double.NEGATIVE_INFINITY)).isEqualTo(NB201_ROWS - 1);
    assertThat(nb201.countReaching("proxy", Direction.MIN, Double.NEGATIVE_INFINITY)).isEqualTo(1);
  }

  @Test
  void getOfAnUnloadedBenchmarkNamesTheMissingFile(@TempDir Path only201) {
    SyntheticBenchmarks.write(only201, "nb201.csv", SyntheticBenchmarks.nb201());
    BenchmarkTables partial = BenchmarkTables.open(only201);

    assertThat(partial.ids()).containsExactly("nb201");
    assertThat(partial.has("transnas-micro")).isFalse();
    assertThatThrownBy(() -> partial.get("transnas-micro"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("benchmark \"transnas-micro\" is not loaded; it needs " + only201.resolve("transnas_micro.csv")
            + ", which is missing (loaded: [nb201])");
    assertThatThrownBy(() -> partial.get("nb301"))
        .hasMessage("benchmark \"nb301\" is not loaded; known benchmarks: [nb201, transnas-micro] (loaded: [nb201])");
  }

  @Test
  void aMissingSupplementOnlyMeansFewerColumns(@TempDir Path noZeroCost) {
    SyntheticBenchmarks.write(noZeroCost, "nb201.csv", SyntheticBenchmarks.nb201());
    SyntheticBenchmarks.write(noZeroCost, "nb201_extra.csv", SyntheticBenchmarks.nb201Extra());
    BenchmarkTable t = BenchmarkTables.open(noZeroCost).get("nb201");

    assertThat(t.columns()).containsExactly("arch_index", "cost_s", "cycle", "extra_acc", "score");
    assertThat(t.files()).containsExactly(noZeroCost.resolve("nb201.csv"), noZeroCost.resolve("nb201_extra.csv"));
    assertThat(t.value("extra_acc", nb201Arch(5))).isEqualTo(0.5);
  }
}
