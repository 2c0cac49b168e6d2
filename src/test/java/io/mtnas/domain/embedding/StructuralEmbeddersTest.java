package io.mtnas.domain.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.space.CellGraph;
import io.mtnas.domain.space.SearchSpace;
import io.mtnas.domain.space.SearchSpaces;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * One-hot, WL and path embedders: what each reads of a cell. NB201 edges are e0 = 1&lt;-0,
 * e1 = 2&lt;-0, e2 = 2&lt;-1, e3 = 3&lt;-0, e4 = 3&lt;-1, e5 = 3&lt;-2; operations 0 none, 1 skip_connect,
 * 2 nor_conv_1x1, 3 nor_conv_3x3, 4 avg_pool_3x3.
 */
class StructuralEmbeddersTest {
  private static final SearchSpace NB201 = SearchSpaces.nb201();
  private static final SearchSpace MICRO = SearchSpaces.transNasMicro();
  private static final WlEmbedder WL = new WlEmbedder(NB201, 1);
  private static final PathEmbedder PATH = new PathEmbedder(NB201);

  /** The cell's input-to-output paths as edge lists. */
  private static final int[][] CELL_PATHS = {{3}, {0, 4}, {1, 5}, {0, 2, 5}};

  private static int nonNone(Architecture a) {
    int count = 0;
    for (int e = 0; e < a.edgeCount(); e++) {
      count += a.operation(e) == 0 ? 0 : 1;
    }
    return count;
  }

  private static int livePaths(Architecture a) {
    int count = 0;
    for (int[] path : CELL_PATHS) {
      boolean live = true;
      for (int e : path) {
        live &= a.operation(e) != 0;
      }
      count += live ? 1 : 0;
    }
    return count;
  }

  private static double sum(Embedding e) {
    double s = 0;
    for (double v : e.toArray()) {
      s += v;
    }
    return s;
  }

  // ---- one-hot

  @Test
  void oneHotHasOneBlockPerEdgeWithAOneAtTheEdgesOperation() {
    for (SearchSpace space : SearchSpaces.all()) {
      OneHotEmbedder onehot = new OneHotEmbedder(space);
      int ops = space.operations().size();
      assertThat(onehot.dimension()).isEqualTo(6 * ops);
      SplittableRandom rng = new SplittableRandom(1);
      for (int i = 0; i < 500; i++) {
        Architecture a = space.random(rng);
        double[] v = onehot.embed(a).toArray();
        for (int e = 0; e < 6; e++) {
          for (int op = 0; op < ops; op++) {
            assertThat(v[e * ops + op]).as("%s edge %d op %d", a, e, op).isEqualTo(a.operation(e) == op ? 1.0 : 0.0);
          }
        }
      }
    }
  }

  @Test
  void oneHotOfAConcreteCell() {
    OneHotEmbedder onehot = new OneHotEmbedder(MICRO);
    // micro ops: 0 none, 1 skip, 2 conv1x1, 3 conv3x3
    double[] v = onehot.embed(MICRO.of(0, 1, 2, 3, 0, 3)).toArray();
    assertThat(v).containsExactly(
        1, 0, 0, 0,
        0, 1, 0, 0,
        0, 0, 1, 0,
        0, 0, 0, 1,
        1, 0, 0, 0,
        0, 0, 0, 1);
  }

  // ---- the live graph

  @Test
  void theLiveGraphDropsNoneNodesAndTheArcsThroughThem() {
    // only e3 (0->3 direct, conv3x3) and e0 (1<-0, conv1x1) carry operations
    LiveGraph g = LiveGraph.of(NB201.graph(NB201.of(2, 0, 0, 3, 0, 0)));
    assertThat(g.labels()).containsExactly(CellGraph.INPUT, "nor_conv_1x1", "nor_conv_3x3", CellGraph.OUTPUT);
    assertThat(g.successors()).containsExactly(List.of(1, 2), List.of(), List.of(3), List.of());
    assertThat(g.predecessors()).containsExactly(List.of(), List.of(0), List.of(0), List.of(2));
    assertThat(g.size()).isEqualTo(4);
  }

  @Test
  void theLiveGraphOfACellWithoutNoneIsTheCellGraph() {
    CellGraph cell = NB201.graph(NB201.of(1, 2, 3, 4, 1, 2));
    LiveGraph g = LiveGraph.of(cell);
    assertThat(g.labels()).isEqualTo(cell.labels());
    assertThat(g.successors()).isEqualTo(cell.successors());
  }

  // ---- WL

  @Test
  void wlCountsOnlyLiveNodesAtEveryIteration() {
    SplittableRandom rng = new SplittableRandom(2);
    WlEmbedder wl2 = new WlEmbedder(NB201, 2);
    for (int i = 0; i < 500; i++) {
      Architecture a = NB201.random(rng);
      int live = nonNone(a) + 2;
      assertThat(sum(WL.embed(a))).as("%s", a).isEqualTo(2.0 * live);
      assertThat(sum(wl2.embed(a))).as("%s", a).isEqualTo(3.0 * live);
    }
  }

  @Test
  void wlWithoutIterationsIsABagOfOperationsWithoutNone() {
    // input, output and the four real operations: none has no coordinate
    assertThat(new WlEmbedder(NB201, 0).dimension()).isEqualTo(6);
    assertThat(new WlEmbedder(MICRO, 0).dimension()).isEqualTo(5);
    WlEmbedder bag = new WlEmbedder(NB201, 0);
    Architecture a = NB201.of(3, 1, 0, 2, 3, 4);
    Architecture permuted = NB201.of(0, 3, 4, 3, 2, 1);
    assertThat(bag.embed(permuted)).isEqualTo(bag.embed(a));
    // one iteration sees where the operations sit
    assertThat(WL.embed(permuted)).isNotEqualTo(WL.embed(a));
    assertThat(WL.dimension()).isGreaterThan(bag.dimension());
  }

  @Test
  void wlRejectsNegativeIterations() {
    assertThatThrownBy(() -> new WlEmbedder(NB201, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }

  /**
   * Two cells that differ only in which dead-end edge carries a conv1x1 (e0 = 1&lt;-0 feeds e2 and
   * e4, e1 = 2&lt;-0 feeds e5, all none): their live graphs are isomorphic, so WL and path cannot
   * tell them apart, while one-hot can.
   */
  @Test
  void wlAndPathIgnoreWhichDeadEndEdgeCarriesAnOperation() {
    Architecture a = NB201.of(2, 0, 0, 3, 0, 0);
    Architecture b = NB201.of(0, 2, 0, 3, 0, 0);
    assertThat(WL.embed(a)).isEqualTo(WL.embed(b));
    assertThat(PATH.embed(a)).isEqualTo(PATH.embed(b));
    OneHotEmbedder onehot = new OneHotEmbedder(NB201);
    assertThat(onehot.embed(a)).isNotEqualTo(onehot.embed(b));
    // but a live edge that moves changes both
    Architecture live = NB201.of(2, 0, 0, 3, 3, 0);
    assertThat(WL.embed(live)).isNotEqualTo(WL.embed(a));
    assertThat(PATH.embed(live)).isNotEqualTo(PATH.embed(a));
  }

  // ---- path

  @Test
  void pathHasOneCoordinatePerOperationSequenceOfLengthOneToThree() {
    // NB201: 4 real operations, paths of 1, 2 and 3 operations: 4 + 16 + 64
    assertThat(PATH.dimension()).isEqualTo(84);
    // micro: 3 + 9 + 27
    assertThat(new PathEmbedder(MICRO).dimension()).isEqualTo(39);
  }

  @Test
  void pathCountsTheLiveInputToOutputPaths() {
    SplittableRandom rng = new SplittableRandom(3);
    for (int i = 0; i < 1_000; i++) {
      Architecture a = NB201.random(rng);
      assertThat(sum(PATH.embed(a))).as("%s", a).isEqualTo(livePaths(a));
    }
  }

  @Test
  void pathOfAConcreteCell() {
    // all conv3x3: one path of one op, two of two, one of three
    Embedding allConv = PATH.embed(NB201.of(3, 3, 3, 3, 3, 3));
    assertThat(sum(allConv)).isEqualTo(4);
    assertThat(allConv.toArray()).containsOnly(0, 1, 2).contains(2);
    // e3 cut: the direct path is gone, and a cell with skip on e0 and conv3 on e4 only has the
    // single path skip>conv3
    Embedding single = PATH.embed(NB201.of(1, 0, 0, 0, 3, 0));
    assertThat(sum(single)).isEqualTo(1);
    Embedding reversed = PATH.embed(NB201.of(3, 0, 0, 0, 1, 0));
    assertThat(sum(reversed)).isEqualTo(1);
    assertThat(single).as("order along the path matters").isNotEqualTo(reversed);
  }

  @Test
  void aCellWithoutALivePathHasTheZeroPathVector() {
    // dead: only e0 carries an operation, and nothing leaves node 1
    Embedding dead = PATH.embed(NB201.of(3, 0, 0, 0, 0, 0));
    assertThat(dead.toArray()).containsOnly(0.0);
    assertThat(PATH.embed(NB201.fromIndex(0)).toArray()).containsOnly(0.0);
    // which makes it unlike everything, itself included (Embedding.cosine's zero rule)
    assertThat(dead.cosine(dead)).isZero();
  }
}
