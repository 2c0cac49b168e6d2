package io.mtnas.domain.predictor;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.space.SearchSpace;
import io.mtnas.domain.space.SearchSpaces;
import org.junit.jupiter.api.Test;

/** The cell-params proxy counts only convolutions on an input-to-output path. */
class ComputedProxiesTest {
  private static final SearchSpace TRANSNAS = SearchSpaces.transNasMicro();
  private static final SearchSpace NB201 = SearchSpaces.nb201();
  private static final ComputedProxies PROXIES = new ComputedProxies();

  private static double cellParams(SearchSpace space, String cell) {
    return PROXIES.value(ComputedProxies.CELL_PARAMS, space.parse(cell));
  }

  @Test
  void everyEdgeACountsItsKernelArea() {
    assertThat(cellParams(TRANSNAS, "64-41414-3_33_333")).isEqualTo(54);
    assertThat(cellParams(TRANSNAS, "64-41414-2_22_222")).isEqualTo(6);
    assertThat(cellParams(TRANSNAS, "64-41414-1_11_111")).isZero();
  }

  @Test
  void convolutionsOffEveryInputOutputPathCountNothing() {
    // 3x3 into node 1, which feeds nothing: the output is cut off
    assertThat(cellParams(TRANSNAS, "64-41414-3_00_000")).isZero();
    // 1x1 into node 1 and 3x3 into node 2, neither reaching node 3; only the skip 0 -> 3 is live
    assertThat(cellParams(TRANSNAS, "64-41414-2_30_100")).isZero();
    // 0 -> 1 -> 2 -> 3 through 3x3, 3x3 and a skip
    assertThat(cellParams(TRANSNAS, "64-41414-3_03_001")).isEqualTo(18);
    // node 1 (1x1) reaches the output by a skip, node 2 (3x3 from 0) by a 3x3
    assertThat(cellParams(TRANSNAS, "64-41414-2_30_013")).isEqualTo(19);
  }

  @Test
  void poolingHasNoWeights() {
    assertThat(cellParams(NB201,
        "|avg_pool_3x3~0|+|nor_conv_3x3~0|none~1|+|none~0|avg_pool_3x3~1|nor_conv_1x1~2|")).isEqualTo(10);
  }

  @Test
  void otherMetricsFallBack() {
    Architecture a = TRANSNAS.parse("64-41414-3_33_333");
    assertThat(PROXIES.value("cifar10_freerea_synflow", a)).isNaN();
    ProxySource table = (metric, arch) -> metric.equals("synflow") ? 7.0 : Double.NaN;
    ProxySource both = PROXIES.before(table);
    assertThat(both.value("synflow", a)).isEqualTo(7.0);
    assertThat(both.value(ComputedProxies.CELL_PARAMS, a)).isEqualTo(54);
    assertThat(both.value("flops", a)).isNaN();
  }
}
