package io.mtnas.adapter.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One benchmark CSV read whole: a header row, then rows of exactly as many cells. The benchmark
 * files are plain (no quoting), so a line splits on commas. Text columns are kept as strings;
 * every other column must hold numbers, where an empty cell means "no value" (NaN) and
 * {@code inf}/{@code -inf} are allowed (zero-cost proxies use {@code -inf} for a singular score).
 */
final class CsvFile {
  private final Path path;
  private final List<String> header;
  private final Map<String, String[]> text;
  private final Map<String, double[]> numbers;
  private final int rows;

  private CsvFile(Path path, List<String> header, Map<String, String[]> text, Map<String, double[]> numbers, int rows) {
    this.path = path;
    this.header = header;
    this.text = text;
    this.numbers = numbers;
    this.rows = rows;
  }

  /**
   * @param textColumns columns kept as strings; every one must be in the header
   * @param requiredNumeric numeric columns the header must have
   * @param expectedRows data rows the file must have (header excluded)
   */
  static CsvFile read(Path path, Set<String> textColumns, List<String> requiredNumeric, int expectedRows) {
    List<String> lines;
    try {
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BenchmarkDataException("cannot read benchmark file " + path + ": " + e.getMessage(), e);
    }
    if (lines.isEmpty() || lines.get(0).isBlank()) {
      throw new BenchmarkDataException(path + ": empty file, expected a header row");
    }
    List<String> header = List.of(lines.get(0).split(",", -1));
    checkHeader(path, header, textColumns, requiredNumeric);
    int dataRows = lines.size() - 1;
    while (dataRows > 0 && lines.get(dataRows).isEmpty()) {
      dataRows--; // a trailing newline is not a row
    }
    if (dataRows != expectedRows) {
      throw new BenchmarkDataException(path + ": " + dataRows + " data rows, expected " + expectedRows
          + " (one per architecture of the space)");
    }
    int width = header.size();
    String[][] textCells = new String[width][];
    double[][] numberCells = new double[width][];
    for (int c = 0; c < width; c++) {
      if (textColumns.contains(header.get(c))) {
        textCells[c] = new String[dataRows];
      } else {
        numberCells[c] = new double[dataRows];
      }
    }
    for (int r = 0; r < dataRows; r++) {
      String line = lines.get(r + 1);
      String[] cells = line.split(",", -1);
      if (cells.length != width) {
        throw new BenchmarkDataException(path + " line " + (r + 2) + ": " + cells.length + " cells, the header has "
            + width);
      }
      for (int c = 0; c < width; c++) {
        if (textCells[c] != null) {
          textCells[c][r] = cells[c];
        } else {
          numberCells[c][r] = number(path, r + 2, header.get(c), cells[c]);
        }
      }
    }
    Map<String, String[]> text = new LinkedHashMap<>();
    Map<String, double[]> numbers = new LinkedHashMap<>();
    for (int c = 0; c < width; c++) {
      if (textCells[c] != null) {
        text.put(header.get(c), textCells[c]);
      } else {
        numbers.put(header.get(c), numberCells[c]);
      }
    }
    return new CsvFile(path, header, text, numbers, dataRows);
  }

  private static void checkHeader(Path path, List<String> header, Set<String> textColumns, List<String> required) {
    Set<String> seen = new HashSet<>();
    for (int c = 0; c < header.size(); c++) {
      String name = header.get(c);
      if (name.isBlank()) {
        throw new BenchmarkDataException(path + " header: column " + (c + 1) + " has no name");
      }
      if (!seen.add(name)) {
        throw new BenchmarkDataException(path + " header: column \"" + name + "\" appears twice");
      }
    }
    List<String> missing = new ArrayList<>();
    for (String name : textColumns) {
      if (!seen.contains(name)) {
        missing.add(name);
      }
    }
    for (String name : required) {
      if (!seen.contains(name)) {
        missing.add(name);
      }
    }
    if (!missing.isEmpty()) {
      throw new BenchmarkDataException(path + " header: missing column(s) " + missing + "; header is " + header);
    }
  }

  private static double number(Path path, int line, String column, String cell) {
    if (cell.isEmpty()) {
      return Double.NaN;
    }
    switch (cell) {
      case "inf", "+inf", "Infinity" -> {
        return Double.POSITIVE_INFINITY;
      }
      case "-inf", "-Infinity" -> {
        return Double.NEGATIVE_INFINITY;
      }
      default -> {
        // Double.parseDouble would accept "NaN", hex floats ("0x1p3"), a trailing 'd' and
        // surrounding blanks; a table must not, so only plain decimals reach it.
        if (isDecimal(cell)) {
          return Double.parseDouble(cell);
        }
        throw new BenchmarkDataException(path + " line " + line + ", column \"" + column + "\": \"" + cell
            + "\" is not a number");
      }
    }
  }

  /** {@code [+-]digits[.digits][e[+-]digits]}, where either digit run around the point may be empty. */
  private static boolean isDecimal(String s) {
    int n = s.length();
    int i = 0;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int mantissa = 0;
    for (; i < n && isAsciiDigit(s.charAt(i)); i++) {
      mantissa++;
    }
    if (i < n && s.charAt(i) == '.') {
      for (i++; i < n && isAsciiDigit(s.charAt(i)); i++) {
        mantissa++;
      }
    }
    if (mantissa == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int exponent = 0;
      for (; i < n && isAsciiDigit(s.charAt(i)); i++) {
        exponent++;
      }
      if (exponent == 0) {
        return false;
      }
    }
    return i == n;
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  Path path() {
    return path;
  }

  List<String> header() {
    return header;
  }

  int rows() {
    return rows;
  }

  String[] text(String column) {
    return text.get(column);
  }

  Map<String, double[]> numbers() {
    return numbers;
  }
}
