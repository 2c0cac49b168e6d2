package io.mtnas.adapter.benchmark;

import io.mtnas.domain.space.SearchSpace;
import io.mtnas.domain.space.SearchSpaces;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small, synthetic benchmark tables for spec tests: the real benchmark ids and spaces with full
 * row counts (15,625 NB201 cells, 4,096 TransNAS micro cells) but only a few columns, each
 * computed by a formula. Real column names are used where tests need them; the values are not the
 * benchmark's. Every accuracy-like column is a permutation of evenly spaced values, so its
 * optimum is known exactly and held by one architecture.
 */
public final class SpecFixtureTables {
  /** Where the fixture pretends its files are (it reads none). */
  public static final Path DIRECTORY = Path.of("fixture-benchmarks");

  /** Best (maximum) value of every NB201 accuracy column below. */
  public static final double NB201_BEST_ACC = 90.0;
  /** Best (minimum) value of {@code cifar10valid_val_loss_200ep}. */
  public static final double NB201_BEST_LOSS = 0.25;
  /** Best (maximum) value of the TransNAS top-1 columns. */
  public static final double TRANSNAS_BEST_TOP1 = 50.0;
  /** Best (maximum) value of {@code room_layout_val_neg_l2loss_final}. */
  public static final double TRANSNAS_BEST_NEG_L2 = -0.6;

  /** Numeric columns of the NB201 fixture (sorted, as {@link BenchmarkTable#columns()} lists them). */
  public static final List<String> NB201_COLUMNS = List.of(
      "arch_index",
      "cifar100_test_acc_200ep",
      "cifar100_val_acc_200ep_derived",
      "cifar10_freerea_synflow",
      "cifar10_nbsz_synflow",
      "cifar10_params_M",
      "cifar10_test_acc_200ep",
      "cifar10valid_train_time_s_total_200ep",
      "cifar10valid_val_acc_200ep",
      "cifar10valid_val_loss_200ep");

  /** Numeric columns of the TransNAS micro fixture (sorted). */
  public static final List<String> TRANSNAS_COLUMNS = List.of(
      "class_object_val_top1_final",
      "class_scene_val_top1_final",
      "code_index",
      "room_layout_val_neg_l2loss_final");

  private static final BenchmarkTable NB201 = nb201Table();
  private static final BenchmarkTable TRANSNAS = transNasTable();
  private static final BenchmarkTables BOTH = BenchmarkTables.of(DIRECTORY, List.of(NB201, TRANSNAS));
  private static final BenchmarkTables NB201_ONLY = BenchmarkTables.of(DIRECTORY, List.of(NB201));

  private SpecFixtureTables() {}

  /** Both benchmarks, {@code nb201} and {@code transnas-micro}. */
  public static BenchmarkTables both() {
    return BOTH;
  }

  /** Only {@code nb201}, as if {@code transnas_micro.csv} were missing. */
  public static BenchmarkTables nb201Only() {
    return NB201_ONLY;
  }

  private static BenchmarkTable nb201Table() {
    SearchSpace space = SearchSpaces.nb201();
    int n = Math.toIntExact(space.size());
    Map<String, double[]> columns = new LinkedHashMap<>();
    columns.put("arch_index", column(n, i -> i));
    columns.put("cifar10valid_val_acc_200ep", spread(n, 1, 10.0, NB201_BEST_ACC));
    columns.put("cifar10valid_val_loss_200ep", spread(n, 3, 2.5, NB201_BEST_LOSS));
    columns.put("cifar10_test_acc_200ep", spread(n, 7, 10.0, NB201_BEST_ACC));
    columns.put("cifar100_val_acc_200ep_derived", spread(n, 11, 1.0, NB201_BEST_ACC));
    columns.put("cifar100_test_acc_200ep", spread(n, 13, 1.0, NB201_BEST_ACC));
    columns.put("cifar10_freerea_synflow", spread(n, 17, 0.0, 1.0e6));
    // like the NAS-Bench-Suite-Zero proxies: no value for part of the space
    double[] sparse = spread(n, 19, 0.0, 100.0);
    for (int i = 1; i < n; i += 2) {
      sparse[i] = Double.NaN;
    }
    columns.put("cifar10_nbsz_synflow", sparse);
    columns.put("cifar10_params_M", spread(n, 23, 0.07, 1.53));
    columns.put("cifar10valid_train_time_s_total_200ep", spread(n, 29, 2000.0, 8000.0));
    return table("nb201", space, columns);
  }

  private static BenchmarkTable transNasTable() {
    SearchSpace space = SearchSpaces.transNasMicro();
    int n = Math.toIntExact(space.size());
    Map<String, double[]> columns = new LinkedHashMap<>();
    columns.put("code_index", column(n, i -> i));
    columns.put("class_object_val_top1_final", spread(n, 5, 20.0, TRANSNAS_BEST_TOP1));
    columns.put("class_scene_val_top1_final", spread(n, 9, 7.5, TRANSNAS_BEST_TOP1));
    columns.put("room_layout_val_neg_l2loss_final", spread(n, 15, -1.1, TRANSNAS_BEST_NEG_L2));
    return table("transnas-micro", space, columns);
  }

  private static BenchmarkTable table(String id, SearchSpace space, Map<String, double[]> columns) {
    int n = Math.toIntExact(space.size());
    long[] official = new long[n];
    for (int i = 0; i < n; i++) {
      official[i] = i;
    }
    return new BenchmarkTable(id, space, columns, official, List.of(DIRECTORY.resolve(id + ".csv")));
  }

  private interface Formula {
    double at(int index);
  }

  private static double[] column(int n, Formula f) {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = f.at(i);
    }
    return values;
  }

  /**
   * n evenly spaced values from {@code worst} to {@code best}, assigned to architectures in a
   * scrambled order: index i gets step (i * 7919 + salt) mod n. 7919 is prime and divides neither
   * 15,625 (5^6) nor 4,096 (2^12), so this is a permutation and exactly one architecture has
   * {@code best}.
   */
  private static double[] spread(int n, int salt, double worst, double best) {
    return column(n, i -> {
      long step = ((long) i * 7919 + salt) % n;
      return step == n - 1 ? best : worst + (best - worst) * step / (n - 1);
    });
  }
}
