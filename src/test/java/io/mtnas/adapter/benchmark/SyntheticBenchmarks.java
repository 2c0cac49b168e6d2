package io.mtnas.adapter.benchmark;

import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.space.SearchSpace;
import io.mtnas.domain.space.SearchSpaces;
import io.mtnas.domain.space.TransNasMicroSpace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Small, fully synthetic benchmark files in the layout of the real ones, so loader tests never
 * depend on (or copy) the real tables. Every value is a formula of the architecture's code index
 * {@code c}, so a test can say what any lookup must return.
 *
 * <p>Rows are deliberately not in code-index order: row {@code r} holds the architecture with code
 * index {@link #codeOfRow}, and its index column holds yet another permutation, {@link
 * #officialOfRow}. A loader that confused row, code index and official index fails on almost every
 * lookup.
 *
 * <p>Columns: {@code score} = c/100 (unique), {@code cycle} = (c+3) mod 7 (ties: the max 6 is first
 * reached at c=3, the min 0 at c=4), {@code cost_s} = 100+c. {@code nb201_extra.csv} adds {@code
 * extra_acc} = c/10 with one empty cell; {@code nb201_zero_cost.csv} adds {@code proxy} = -c with
 * one empty cell and one {@code -inf}. TransNAS has {@code task_a} = c/10 and {@code task_b} = -c.
 */
public final class SyntheticBenchmarks {
  static final SearchSpace NB201 = SearchSpaces.nb201();
  static final TransNasMicroSpace TRANSNAS = (TransNasMicroSpace) SearchSpaces.transNasMicro();
  static final int NB201_ROWS = 15_625;
  static final int TRANSNAS_ROWS = 4_096;

  /** Code index whose {@code extra_acc} cell is empty. */
  static final int EXTRA_EMPTY_CODE = 777;
  /** Code index whose {@code proxy} cell is empty. */
  static final int PROXY_EMPTY_CODE = 123;
  /** Code index whose {@code proxy} cell is {@code -inf}. */
  static final int PROXY_NEG_INF_CODE = 456;

  // Generated once: every test copies and edits these instead of rebuilding 15,625 strings.
  private static final List<String> NB201_LINES = nb201Rows();
  private static final List<String> EXTRA_LINES =
      supplementRows("extra_acc", c -> c == EXTRA_EMPTY_CODE ? "" : num(c / 10.0));
  private static final List<String> ZERO_COST_LINES = supplementRows("proxy", c -> c == PROXY_EMPTY_CODE
      ? "" : c == PROXY_NEG_INF_CODE ? "-inf" : num(-c));
  private static final List<String> TRANSNAS_LINES = transNasRows();

  private SyntheticBenchmarks() {}

  /** Code index held by row {@code r} (0-based, header excluded); a bijection on 0..n-1. */
  static int codeOfRow(int row, int n) {
    return (int) ((row * 7_919L + 11) % n);
  }

  /** The index column of row {@code r}: a different bijection, so it is neither r nor the code. */
  static int officialOfRow(int row, int n) {
    return (int) ((row * 3L + 5) % n);
  }

  /** The official index the file gives the architecture with this code index. */
  static long officialOfCode(int code, int n) {
    for (int r = 0; r < n; r++) {
      if (codeOfRow(r, n) == code) {
        return officialOfRow(r, n);
      }
    }
    throw new IllegalArgumentException("no row holds code " + code);
  }

  static double score(int code) {
    return code / 100.0;
  }

  static double cycle(int code) {
    return (code + 3) % 7;
  }

  static double cost(int code) {
    return 100 + code;
  }

  /** Fresh, editable copies: header first, then one line per row. */
  static List<String> nb201() {
    return new ArrayList<>(NB201_LINES);
  }

  static List<String> nb201Extra() {
    return new ArrayList<>(EXTRA_LINES);
  }

  static List<String> nb201ZeroCost() {
    return new ArrayList<>(ZERO_COST_LINES);
  }

  static List<String> transNas() {
    return new ArrayList<>(TRANSNAS_LINES);
  }

  /** Writes all four files into {@code dir} and returns it. */
  public static Path writeAll(Path dir) {
    write(dir, "nb201.csv", NB201_LINES);
    write(dir, "nb201_extra.csv", EXTRA_LINES);
    write(dir, "nb201_zero_cost.csv", ZERO_COST_LINES);
    write(dir, "transnas_micro.csv", TRANSNAS_LINES);
    return dir;
  }

  /** Writes the lines with {@code \n} ends, a trailing newline included, as the real files have. */
  static Path write(Path dir, String file, List<String> lines) {
    Path path = dir.resolve(file);
    try {
      Files.writeString(path, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return path;
  }

  /** Replaces cell {@code column} (0-based) of the given 1-based file line. */
  static void setCell(List<String> lines, int line, int column, String value) {
    String[] cells = lines.get(line - 1).split(",", -1);
    cells[column] = value;
    lines.set(line - 1, String.join(",", cells));
  }

  static Architecture nb201Arch(int code) {
    return NB201.fromIndex(code);
  }

  static Architecture transNasArch(int code) {
    return TRANSNAS.fromIndex(code);
  }

  private static List<String> nb201Rows() {
    List<String> lines = new ArrayList<>(NB201_ROWS + 1);
    lines.add("arch_index,arch_str,op_code,score,cycle,cost_s");
    for (int r = 0; r < NB201_ROWS; r++) {
      int c = codeOfRow(r, NB201_ROWS);
      Architecture a = NB201.fromIndex(c);
      lines.add(officialOfRow(r, NB201_ROWS) + "," + NB201.format(a) + "," + opCode(a) + ","
          + num(score(c)) + "," + num(cycle(c)) + "," + num(cost(c)));
    }
    return List.copyOf(lines);
  }

  /** Same rows as nb201.csv (index and arch_str), plus one numeric column. */
  private static List<String> supplementRows(String column, IntFunction<String> cell) {
    List<String> lines = new ArrayList<>(NB201_ROWS + 1);
    lines.add("arch_index,arch_str," + column);
    for (int r = 0; r < NB201_ROWS; r++) {
      int c = codeOfRow(r, NB201_ROWS);
      lines.add(officialOfRow(r, NB201_ROWS) + "," + NB201.format(NB201.fromIndex(c)) + "," + cell.apply(c));
    }
    return List.copyOf(lines);
  }

  private static List<String> transNasRows() {
    List<String> lines = new ArrayList<>(TRANSNAS_ROWS + 1);
    lines.add("code_index,arch_str,op_code,cell_str,task_a,task_b");
    for (int r = 0; r < TRANSNAS_ROWS; r++) {
      int c = codeOfRow(r, TRANSNAS_ROWS);
      Architecture a = TRANSNAS.fromIndex(c);
      lines.add(officialOfRow(r, TRANSNAS_ROWS) + "," + TRANSNAS.format(a) + "," + opCode(a) + ","
          + TRANSNAS.cellString(a) + "," + num(c / 10.0) + "," + num(-c));
    }
    return List.copyOf(lines);
  }

  private static String opCode(Architecture a) {
    StringBuilder sb = new StringBuilder();
    for (int op : a.operations()) {
      sb.append(op);
    }
    return sb.toString();
  }

  /** Double.toString round-trips exactly, so a test can compare with ==. */
  private static String num(double v) {
    return Double.toString(v);
  }
}
