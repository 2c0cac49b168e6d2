package io.mtnas.domain.space;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CellGraphTest {
  private static final SearchSpace NB201 = SearchSpaces.nb201();

  // Op-nodes 1..6 are edges 1<-0, 2<-0, 2<-1, 3<-0, 3<-1, 3<-2. The input feeds the edges leaving
  // node 0 (op-nodes 1, 2, 4); 1<-0 feeds the edges leaving node 1 (3, 5); 2<-0 and 2<-1 feed the
  // one leaving node 2 (6); the edges into node 3 (4, 5, 6) feed the output (7).
  private static final List<List<Integer>> ARCS = List.of(
      List.of(1, 2, 4), List.of(3, 5), List.of(6), List.of(6), List.of(7), List.of(7), List.of(7), List.of());

  @Test
  void operationOnNodeViewOfOfficialIndexZero() {
    CellGraph g = NB201.graph(NB201.parse("421211"));
    assertThat(g.nodeCount()).isEqualTo(8);
    assertThat(g.labels()).containsExactly("input", "avg_pool_3x3", "nor_conv_1x1", "skip_connect",
        "nor_conv_1x1", "skip_connect", "skip_connect", "output");
    assertThat(g.successors()).isEqualTo(ARCS);
  }

  @Test
  void keepsNoneNodesAndTheSameArcsForEveryCell() {
    SearchSpace transNas = SearchSpaces.transNasMicro();
    CellGraph g = transNas.graph(transNas.parse("64-41414-0_00_003"));
    assertThat(g.labels())
        .containsExactly("input", "none", "none", "none", "none", "none", "nor_conv_3x3", "output");
    assertThat(g.successors()).isEqualTo(ARCS);
  }

  @Test
  void adjacencyMatrixMarksExactlyTheArcs() {
    int[][] m = NB201.graph(NB201.fromIndex(0)).adjacencyMatrix();
    int arcs = 0;
    for (int from = 0; from < 8; from++) {
      for (int to = 0; to < 8; to++) {
        assertThat(m[from][to]).isEqualTo(ARCS.get(from).contains(to) ? 1 : 0);
        arcs += m[from][to];
      }
    }
    assertThat(arcs).isEqualTo(10);
  }

  @Test
  void rejectsArcsThatGoBackwardsOrOutOfRangeOrAreUnsorted() {
    List<String> labels = List.of("input", "a", "output");
    assertThatThrownBy(() -> new CellGraph(labels, List.of(List.of(1), List.of(0), List.of())))
        .hasMessage("successors of node 1 must be increasing and in 2..2, got [0]");
    assertThatThrownBy(() -> new CellGraph(labels, List.of(List.of(3), List.of(), List.of())))
        .hasMessage("successors of node 0 must be increasing and in 1..2, got [3]");
    assertThatThrownBy(() -> new CellGraph(labels, List.of(List.of(2, 1), List.of(), List.of())))
        .hasMessage("successors of node 0 must be increasing and in 1..2, got [2, 1]");
    assertThatThrownBy(() -> new CellGraph(labels, List.of(List.of(1), List.of(2))))
        .hasMessage("3 labels but 2 successor lists");
  }
}
