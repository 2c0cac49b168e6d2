package io.mtnas.adapter.benchmark;

import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.space.ArchitectureFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * The tabular benchmarks found in one directory, by id ({@code nb201}, {@code transnas-micro}).
 * Every file is checked as it loads: header, row count, numbers, and that each row's official
 * architecture string parses and names a different architecture; supplements must list the same
 * architectures in the same order as their primary file.
 */
public final class BenchmarkTables {
  /** Largest index a double holds exactly. */
  private static final double MAX_INDEX = 0x1p53;

  private final Path directory;
  private final Map<String, BenchmarkTable> tables;
  /** Why there are no tables at all, when the directory is missing. */
  private final Optional<String> absence;

  private BenchmarkTables(Path directory, Map<String, BenchmarkTable> tables) {
    this(directory, tables, Optional.empty());
  }

  private BenchmarkTables(Path directory, Map<String, BenchmarkTable> tables, Optional<String> absence) {
    this.absence = absence;
    this.directory = directory;
    this.tables = tables;
  }

  /** Loads every benchmark whose primary file is in {@code directory}, files in parallel. */
  public static BenchmarkTables open(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new BenchmarkDataException("benchmark directory " + directory + " does not exist");
    }
    List<BenchmarkLayout> present =
        BenchmarkLayout.ALL.stream().filter(l -> Files.isRegularFile(directory.resolve(l.primaryFile()))).toList();
    if (present.isEmpty()) {
      throw new BenchmarkDataException("benchmark directory " + directory + " holds none of "
          + BenchmarkLayout.ALL.stream().map(BenchmarkLayout::primaryFile).toList());
    }
    List<ForkJoinTask<BenchmarkTable>> loads = new ArrayList<>();
    for (BenchmarkLayout layout : present) {
      loads.add(ForkJoinPool.commonPool().submit(() -> load(directory, layout)));
    }
    Map<String, BenchmarkTable> tables = new LinkedHashMap<>();
    for (ForkJoinTask<BenchmarkTable> load : loads) {
      BenchmarkTable table = join(load);
      tables.put(table.id(), table);
    }
    return new BenchmarkTables(directory, tables);
  }

  /**
   * No tables, because the directory is missing: enough for a search whose tasks all train; asking
   * for a table throws {@code reason}.
   */
  public static BenchmarkTables absent(Path directory, String reason) {
    return new BenchmarkTables(directory, Map.of(), Optional.of(reason));
  }

  /** A table set built in memory (tests). */
  static BenchmarkTables of(Path directory, List<BenchmarkTable> tables) {
    Map<String, BenchmarkTable> byId = new LinkedHashMap<>();
    tables.forEach(t -> byId.put(t.id(), t));
    return new BenchmarkTables(directory, byId);
  }

  public Path directory() {
    return directory;
  }

  /** Ids of the benchmarks loaded. */
  public List<String> ids() {
    return List.copyOf(tables.keySet());
  }

  public boolean has(String id) {
    return tables.containsKey(id);
  }

  /** The benchmark with this id; the error says which file it needs and what was loaded. */
  public BenchmarkTable get(String id) {
    BenchmarkTable table = tables.get(id);
    if (table != null) {
      return table;
    }
    if (absence.isPresent()) {
      throw new BenchmarkDataException(absence.get() + " (benchmark \"" + id + "\" needs it; tasks with"
          + " \"benchmark\": \"trainer\" need no tables)");
    }
    String needs = BenchmarkLayout.ALL.stream()
        .filter(l -> l.id().equals(id))
        .map(l -> "; it needs " + directory.resolve(l.primaryFile()) + ", which is missing")
        .findFirst()
        .orElse("; known benchmarks: " + BenchmarkLayout.ALL.stream().map(BenchmarkLayout::id).toList());
    throw new IllegalArgumentException("benchmark \"" + id + "\" is not loaded" + needs + " (loaded: " + ids() + ")");
  }

  private static <T> T join(ForkJoinTask<T> task) {
    try {
      return task.join();
    } catch (CompletionException | BenchmarkDataException e) {
      Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new BenchmarkDataException(cause.toString(), cause);
    }
  }

  private static BenchmarkTable load(Path directory, BenchmarkLayout layout) {
    int rows = layout.rows();
    Path primaryPath = directory.resolve(layout.primaryFile());
    List<Path> supplementPaths =
        layout.supplements().stream().map(directory::resolve).filter(Files::isRegularFile).toList();
    // Supplements are parsed in parallel with the primary; the checks between them come after.
    List<ForkJoinTask<CsvFile>> supplementReads = new ArrayList<>();
    for (Path p : supplementPaths) {
      supplementReads.add(ForkJoinPool.commonPool().submit(
          () -> CsvFile.read(p, Set.of(BenchmarkLayout.ARCH_COLUMN), List.of(layout.indexColumn()), rows)));
    }
    CsvFile primary = CsvFile.read(primaryPath, layout.textColumns(), List.of(layout.indexColumn()), rows);
    String[] archStrings = primary.text(BenchmarkLayout.ARCH_COLUMN);
    int[] codeIndexOfRow = new int[rows];
    int[] rowOfCodeIndex = new int[rows];
    java.util.Arrays.fill(rowOfCodeIndex, -1);
    for (int r = 0; r < rows; r++) {
      Architecture a;
      try {
        a = layout.space().parse(archStrings[r]);
      } catch (ArchitectureFormatException e) {
        throw new BenchmarkDataException(primaryPath + " line " + (r + 2) + ", column \"" + BenchmarkLayout.ARCH_COLUMN
            + "\": " + e.getMessage(), e);
      }
      int code = Math.toIntExact(a.index());
      if (rowOfCodeIndex[code] >= 0) {
        throw new BenchmarkDataException(primaryPath + " line " + (r + 2) + ": architecture " + archStrings[r]
            + " already appears on line " + (rowOfCodeIndex[code] + 2));
      }
      rowOfCodeIndex[code] = r;
      codeIndexOfRow[r] = code;
    }
    long[] official = officialIndices(primary, layout, codeIndexOfRow);
    Map<String, double[]> columns = new LinkedHashMap<>();
    addColumns(columns, primary, codeIndexOfRow, Set.of());
    List<Path> files = new ArrayList<>(List.of(primaryPath));
    for (ForkJoinTask<CsvFile> read : supplementReads) {
      CsvFile supplement = join(read);
      checkAligned(supplement, primary, layout);
      addColumns(columns, supplement, codeIndexOfRow, Set.of(layout.indexColumn()));
      files.add(supplement.path());
    }
    return new BenchmarkTable(layout.id(), layout.space(), columns, official, files);
  }

  /**
   * The index column by code index. An empty, fractional or negative cell would otherwise turn
   * into some other architecture's index through the cast, and a repeated one would make two
   * architectures share an official index.
   */
  private static long[] officialIndices(CsvFile primary, BenchmarkLayout layout, int[] codeIndexOfRow) {
    double[] byRow = primary.numbers().get(layout.indexColumn());
    long[] byCode = new long[byRow.length];
    Map<Long, Integer> rowOfIndex = new HashMap<>();
    for (int r = 0; r < byRow.length; r++) {
      double v = byRow[r];
      if (!(v >= 0 && v <= MAX_INDEX && v == Math.rint(v))) {
        throw new BenchmarkDataException(where(primary, r, layout) + (Double.isNaN(v) ? "empty" : "\"" + v + "\"")
            + ", expected a whole number >= 0");
      }
      Integer earlier = rowOfIndex.putIfAbsent((long) v, r);
      if (earlier != null) {
        throw new BenchmarkDataException(where(primary, r, layout) + (long) v + " already appears on line "
            + (earlier + 2));
      }
      byCode[codeIndexOfRow[r]] = (long) v;
    }
    return byCode;
  }

  private static String where(CsvFile file, int row, BenchmarkLayout layout) {
    return file.path() + " line " + (row + 2) + ", column \"" + layout.indexColumn() + "\": ";
  }

  private static void checkAligned(CsvFile supplement, CsvFile primary, BenchmarkLayout layout) {
    String[] ours = supplement.text(BenchmarkLayout.ARCH_COLUMN);
    String[] theirs = primary.text(BenchmarkLayout.ARCH_COLUMN);
    double[] ourIndex = supplement.numbers().get(layout.indexColumn());
    double[] theirIndex = primary.numbers().get(layout.indexColumn());
    for (int r = 0; r < ours.length; r++) {
      if (!ours[r].equals(theirs[r]) || ourIndex[r] != theirIndex[r]) {
        throw new BenchmarkDataException(supplement.path() + " line " + (r + 2) + ": row names "
            + layout.indexColumn() + "=" + (long) ourIndex[r] + " " + ours[r] + " but " + primary.path()
            + " line " + (r + 2) + " names " + (long) theirIndex[r] + " " + theirs[r]
            + "; supplements must list the architectures in the primary file's order");
      }
    }
  }

  /** Copies a file's numeric columns into code-index order; a name defined twice is an error. */
  private static void addColumns(
      Map<String, double[]> columns, CsvFile file, int[] codeIndexOfRow, Set<String> sharedKeys) {
    for (Map.Entry<String, double[]> e : file.numbers().entrySet()) {
      if (sharedKeys.contains(e.getKey())) {
        continue;
      }
      if (columns.containsKey(e.getKey())) {
        throw new BenchmarkDataException(file.path() + " header: column \"" + e.getKey()
            + "\" is already defined by another file of the same benchmark");
      }
      double[] byRow = e.getValue();
      double[] byCode = new double[byRow.length];
      for (int r = 0; r < byRow.length; r++) {
        byCode[codeIndexOfRow[r]] = byRow[r];
      }
      columns.put(e.getKey(), byCode);
    }
  }
}
