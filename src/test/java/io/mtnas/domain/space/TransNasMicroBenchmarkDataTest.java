package io.mtnas.domain.space;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The TransNAS-Bench-101 micro space against the real transnas_micro.csv (all 4,096 rows). */
class TransNasMicroBenchmarkDataTest {
  private static final TransNasMicroSpace TRANSNAS = (TransNasMicroSpace) SearchSpaces.transNasMicro();
  private static BenchmarkCsv table;

  @BeforeAll
  static void readTable() {
    table = BenchmarkCsv.read("transnas_micro.csv");
  }

  @Test
  void officialStringsParseFormatBackAndSitAtTheirCodeIndex() {
    int archStr = table.column("arch_str");
    int codeIndex = table.column("code_index");
    int opCode = table.column("op_code");
    assertThat(table.rows()).hasSize((int) TRANSNAS.size());
    for (String[] row : table.rows()) {
      Architecture a = TRANSNAS.parse(row[archStr]);
      assertThat(TRANSNAS.format(a)).isEqualTo(row[archStr]);
      assertThat(a.index()).as(row[archStr]).isEqualTo(Long.parseLong(row[codeIndex]));
      assertThat(TRANSNAS.parse(row[opCode])).isEqualTo(a);
    }
  }

  @Test
  void cellStringColumnIsTheSameArchitecture() {
    int archStr = table.column("arch_str");
    int cellStr = table.column("cell_str");
    for (String[] row : table.rows()) {
      Architecture a = TRANSNAS.parse(row[archStr]);
      assertThat(TRANSNAS.parse(row[cellStr])).as(row[cellStr]).isEqualTo(a);
      assertThat(TRANSNAS.cellString(a)).isEqualTo(row[cellStr]);
    }
  }

  @Test
  void canonicalIsTheTableRepresentativeExactly() {
    int archStr = table.column("arch_str");
    int isoRep = table.column("iso_rep_code_index");
    int isoSize = table.column("iso_class_size");
    Map<Long, Integer> classSizes = new HashMap<>();
    for (String[] row : table.rows()) {
      Architecture canonical = TRANSNAS.canonical(TRANSNAS.parse(row[archStr]));
      assertThat(canonical.index()).as(row[archStr]).isEqualTo(Long.parseLong(row[isoRep]));
      classSizes.merge(canonical.index(), 1, Integer::sum);
    }
    assertThat(classSizes).hasSize(1_236);
    for (String[] row : table.rows()) {
      assertThat(classSizes.get(Long.parseLong(row[isoRep]))).as(row[archStr])
          .isEqualTo(Integer.parseInt(row[isoSize]));
    }
  }
}
