package io.mtnas.domain.space;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A benchmark table read for tests: the plain CSVs of /work/shared/benchmarks (no quoting, no
 * empty cells in the files used here). Located through system property {@code mtnas.benchmarks},
 * which Surefire sets; a missing directory or file fails the test rather than skipping it, so
 * data-backed checks cannot silently stop running.
 */
final class BenchmarkCsv {
  static final String PROPERTY = "mtnas.benchmarks";

  private final String file;
  private final List<String> header;
  private final List<String[]> rows;

  private BenchmarkCsv(String file, List<String> header, List<String[]> rows) {
    this.file = file;
    this.header = header;
    this.rows = rows;
  }

  static BenchmarkCsv read(String fileName) {
    String dir = System.getProperty(PROPERTY);
    if (dir == null || dir.isBlank()) {
      return fail("system property " + PROPERTY + " is not set; it must name the benchmark directory "
          + "(Surefire sets it to ${project.basedir}/../shared/benchmarks)");
    }
    Path path = Path.of(dir).resolve(fileName);
    if (!Files.isRegularFile(path)) {
      return fail("benchmark file " + path.toAbsolutePath().normalize() + " is missing ("
          + PROPERTY + "=" + dir + ")");
    }
    try {
      List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
      List<String> header = List.of(lines.get(0).split(",", -1));
      List<String[]> rows = new ArrayList<>(lines.size() - 1);
      for (int i = 1; i < lines.size(); i++) {
        String[] cells = lines.get(i).split(",", -1);
        if (cells.length != header.size()) {
          return fail(fileName + " line " + (i + 1) + " has " + cells.length + " cells, header has "
              + header.size());
        }
        rows.add(cells);
      }
      return new BenchmarkCsv(fileName, header, rows);
    } catch (IOException e) {
      return fail("cannot read " + path + ": " + e);
    }
  }

  List<String[]> rows() {
    return rows;
  }

  /** Index of a column, failing with the known columns when absent. */
  int column(String name) {
    int i = header.indexOf(name);
    if (i < 0) {
      fail(file + " has no column " + name + "; columns: " + header);
    }
    return i;
  }

  @Override
  public String toString() {
    return file + " " + Arrays.toString(header.toArray()) + " x " + rows.size();
  }
}
