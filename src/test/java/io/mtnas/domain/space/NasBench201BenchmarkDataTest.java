package io.mtnas.domain.space;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The NB201 space against the real nb201.csv (all 15,625 official rows). */
class NasBench201BenchmarkDataTest {
  private static final SearchSpace NB201 = SearchSpaces.nb201();
  private static BenchmarkCsv table;

  @BeforeAll
  static void readTable() {
    table = BenchmarkCsv.read("nb201.csv");
  }

  @Test
  void everyOfficialStringParsesAndFormatsBackByteForByte() {
    int archStr = table.column("arch_str");
    Set<Architecture> seen = new HashSet<>();
    for (String[] row : table.rows()) {
      Architecture a = NB201.parse(row[archStr]);
      assertThat(NB201.format(a)).isEqualTo(row[archStr]);
      seen.add(a);
    }
    assertThat(seen).as("the official rows cover the space once").hasSize((int) NB201.size());
  }

  @Test
  void opCodeColumnIsOurOperationsInEdgeOrder() {
    int archStr = table.column("arch_str");
    int opCode = table.column("op_code");
    for (String[] row : table.rows()) {
      Architecture a = NB201.parse(row[archStr]);
      StringBuilder ours = new StringBuilder();
      for (int op : a.operations()) {
        ours.append(op);
      }
      assertThat(ours).as(row[archStr]).hasToString(row[opCode]);
      assertThat(NB201.parse(row[opCode])).isEqualTo(a);
    }
  }

  @Test
  void isomorphismClassesAreTheOfficialOnes() {
    int archStr = table.column("arch_str");
    int isoRep = table.column("iso_rep_index");
    int isoSize = table.column("iso_class_size");
    // Official indices are not code indices, so compare partitions: the official representative
    // and ours must correspond one to one, and the class sizes agree.
    Map<String, Architecture> oursByOfficialRep = new HashMap<>();
    Map<Architecture, String> officialRepByOurs = new HashMap<>();
    Map<Architecture, Integer> ourClassSizes = new HashMap<>();
    List<String[]> rows = table.rows();
    for (String[] row : rows) {
      Architecture canonical = NB201.canonical(NB201.parse(row[archStr]));
      ourClassSizes.merge(canonical, 1, Integer::sum);
      assertThat(oursByOfficialRep.computeIfAbsent(row[isoRep], k -> canonical))
          .as("our representative for official class %s (row %s)", row[isoRep], row[archStr])
          .isEqualTo(canonical);
      assertThat(officialRepByOurs.computeIfAbsent(canonical, k -> row[isoRep]))
          .as("official class of our representative %s (row %s)", canonical, row[archStr])
          .isEqualTo(row[isoRep]);
    }
    assertThat(oursByOfficialRep).hasSize(6_466);
    assertThat(ourClassSizes).hasSize(6_466);
    for (String[] row : rows) {
      Architecture canonical = NB201.canonical(NB201.parse(row[archStr]));
      assertThat(ourClassSizes.get(canonical)).as(row[archStr]).isEqualTo(Integer.parseInt(row[isoSize]));
    }
  }
}
