package io.mtnas.adapter.benchmark;

import io.mtnas.domain.space.SearchSpace;
import io.mtnas.domain.space.SearchSpaces;
import java.util.List;
import java.util.Set;

/**
 * Which files make up one benchmark and how they are keyed. The primary file has one row per
 * architecture and names it by its official string; supplements (extra columns, zero-cost proxy
 * scores) repeat the primary's index and string row by row and add columns. A benchmark is
 * available when its primary file is present; a missing supplement only means fewer columns.
 */
record BenchmarkLayout(
    String id,
    SearchSpace space,
    String primaryFile,
    String indexColumn,
    Set<String> textColumns,
    List<String> supplements) {

  static final String ARCH_COLUMN = "arch_str";

  static final List<BenchmarkLayout> ALL =
      List.of(
          new BenchmarkLayout(
              "nb201",
              SearchSpaces.nb201(),
              "nb201.csv",
              "arch_index",
              Set.of(ARCH_COLUMN, "op_code"),
              List.of("nb201_extra.csv", "nb201_zero_cost.csv")),
          new BenchmarkLayout(
              "transnas-micro",
              SearchSpaces.transNasMicro(),
              "transnas_micro.csv",
              "code_index",
              Set.of(ARCH_COLUMN, "op_code", "cell_str"),
              List.of()));

  int rows() {
    return Math.toIntExact(space.size());
  }
}
