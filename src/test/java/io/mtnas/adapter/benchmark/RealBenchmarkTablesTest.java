package io.mtnas.adapter.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.fail;

import io.mtnas.domain.evaluation.Direction;
import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.space.SearchSpaces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The loader on the real tables (system property {@code mtnas.benchmarks}, set by Surefire), checked
 * against the optima documented in the directory's README. A missing property or file FAILS every
 * test here instead of skipping it, so these checks cannot silently stop running.
 */
class RealBenchmarkTablesTest {
  private static final String PROPERTY = "mtnas.benchmarks";
  private static final List<String> FILES =
      List.of("nb201.csv", "nb201_extra.csv", "nb201_zero_cost.csv", "transnas_micro.csv");

  static BenchmarkTables tables;
  static BenchmarkTable nb201;
  static BenchmarkTable transNas;

  @BeforeAll
  static void load() {
    String dir = System.getProperty(PROPERTY);
    if (dir == null || dir.isBlank()) {
      fail("system property " + PROPERTY + " is not set; it must name the benchmark directory "
          + "(Surefire sets it to ${project.basedir}/../shared/benchmarks)");
    }
    Path path = Path.of(dir);
    for (String file : FILES) {
      if (!Files.isRegularFile(path.resolve(file))) {
        fail("benchmark file " + path.resolve(file).toAbsolutePath().normalize() + " is missing ("
            + PROPERTY + "=" + dir + ")");
      }
    }
    tables = BenchmarkTables.open(path);
    nb201 = tables.get("nb201");
    transNas = tables.get("transnas-micro");
  }

  @Test
  void bothBenchmarksLoadWithEverySupplement() {
    assertThat(tables.ids()).containsExactly("nb201", "transnas-micro");
    assertThat(nb201.size()).isEqualTo(15_625);
    assertThat(transNas.size()).isEqualTo(4_096);
    assertThat(nb201.files()).extracting(p -> p.getFileName().toString())
        .containsExactly("nb201.csv", "nb201_extra.csv", "nb201_zero_cost.csv");
  }

  @Test
  void nb201HasTheNumericColumnsOfAllThreeFiles() {
    // 30 + 9 + 41 header cells, less arch_str/op_code, less the supplements' repeated keys
    assertThat(nb201.columns()).hasSize(28 + 7 + 39)
        .contains("cifar10valid_val_acc_200ep", "cifar10_test_acc_200ep") // nb201.csv
        .contains("cifar100_val_acc_200ep_derived", "imagenet16_120_train_time_s_total_200ep") // nb201_extra.csv
        .contains("cifar10_freerea_naswot", "imagenet16_120_nbsz_zen"); // nb201_zero_cost.csv
    assertThat(transNas.columns()).hasSize(14 - 3);
  }

  @ParameterizedTest
  @CsvSource({
    "cifar10valid_val_acc_200ep,           6111,  91.6067, 91.60",
    "cifar100_val_acc_200ep_derived,       9930,  73.4933, 73.49",
    "imagenet16_120_val_acc_200ep_derived, 10676, 46.7333, 46.70"
  })
  void nb201ValidationOptimaAreTheKnownOnes(String column, long officialIndex, double value, double threshold) {
    BenchmarkTable.Optimum best = nb201.optimum(column, Direction.MAX);

    assertThat(best.value()).isEqualTo(value);
    assertThat(nb201.officialIndex(best.architecture())).hasValue(officialIndex);
    assertThat(nb201.countReaching(column, Direction.MAX, threshold)).isEqualTo(1);
    assertThat(nb201.rank(column, Direction.MAX, best.architecture())).isEqualTo(1);
  }

  @Test
  void officialIndexZeroIsTheReadmesExample() {
    Architecture a = SearchSpaces.nb201().parse(
        "|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|");

    assertThat(nb201.officialIndex(a)).hasValue(0);
    assertThat(nb201.value("cifar10_params_M", a)).isEqualTo(0.129306);
  }

  @Test
  void zeroCostFileKeepsEmptyCellsAndMinusInfinity() {
    // README: nbsz proxies only for the 9445 archs without dead branches; naswot -inf for 201 archs
    assertThat(nb201.countReaching("cifar10_nbsz_synflow", Direction.MAX, Double.NEGATIVE_INFINITY)).isEqualTo(9_445);
    assertThat(nb201.countReaching("cifar10_freerea_naswot", Direction.MIN, Double.NEGATIVE_INFINITY)).isEqualTo(201);
    // op code 300000: a conv on edge 1<-0 whose output reaches nothing, a dead branch
    Architecture dead = SearchSpaces.nb201().parse("300000");
    assertThat(nb201.value("cifar10_nbsz_synflow", dead)).isNaN();
    assertThat(nb201.rank("cifar10_nbsz_synflow", Direction.MAX, dead)).isEqualTo(15_625);
  }

  // README section 2 (values rounded there to 2-3 decimals). autoencoder ties between 1_20_310
  // and 1_21_310; the lower code index wins.
  @ParameterizedTest
  @CsvSource({
    "class_scene_val_top1_final,          54.94,  3_32_132",
    "class_object_val_top1_final,         45.59,  3_13_113",
    "room_layout_val_neg_l2loss_final,    -0.601, 3_11_133",
    "jigsaw_val_top1_final,               95.37,  3_30_132",
    "segmentsemantic_val_pixel_acc_final, 94.61,  3_13_022",
    "normal_val_ssim_final,               0.587,  1_30_123",
    "autoencoder_val_ssim_final,          0.577,  1_20_310"
  })
  void transNasOptimaAreTheReadmesOnes(String column, double value, String cell) {
    BenchmarkTable.Optimum best = transNas.optimum(column, Direction.MAX);

    assertThat(best.value()).isCloseTo(value, within(0.005));
    assertThat(best.architecture()).hasToString("64-41414-" + cell);
    assertThat(transNas.rank(column, Direction.MAX, best.architecture())).isEqualTo(1);
    // code_index is the op code read in base 4, i.e. the space's own index
    assertThat(transNas.officialIndex(best.architecture())).hasValue(best.architecture().index());
  }
}
