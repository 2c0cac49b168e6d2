package io.mtnas.adapter.http;

import io.mtnas.actor.SearchService;
import io.mtnas.adapter.benchmark.BenchmarkTables;
import io.mtnas.adapter.report.EvaluationsCsv;
import io.mtnas.adapter.report.ReportJson;
import io.mtnas.adapter.spec.SpecWriter;
import io.mtnas.adapter.store.AtomicFiles;
import io.mtnas.domain.search.EvaluationRecord;
import io.mtnas.domain.search.TaskSpec;
import io.mtnas.domain.service.SearchEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code --data DIR}: each finished search gets {@code DIR/<id>/} with {@code spec.json}, {@code
 * report.json} and {@code evaluations.csv}, the same files {@code mtnas run} writes (each written
 * to a temporary file and renamed). A delete removes the folder. Nothing here is read back at
 * start: the service's state is in memory in this version.
 */
public final class DataDirectory implements SearchService.Output {
  private final Path root;
  private final BenchmarkTables tables;

  public DataDirectory(Path root, BenchmarkTables tables) {
    this.root = root;
    this.tables = tables;
  }

  public Path root() {
    return root;
  }

  Path of(String id) {
    return root.resolve(id);
  }

  @Override
  public void finished(SearchEntry entry, List<EvaluationRecord> records) {
    Path dir = of(entry.id());
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
    List<String> taskOrder = entry.currentSpec().tasks().stream().map(TaskSpec::name).toList();
    AtomicFiles.write(dir.resolve("spec.json"), SpecWriter.toJson(entry.currentSpec()));
    AtomicFiles.write(dir.resolve("evaluations.csv"), EvaluationsCsv.render(taskOrder, records));
    AtomicFiles.write(dir.resolve("report.json"), ReportJson.render(entry.report().orElseThrow(), tables));
  }

  @Override
  public void deleted(String id) {
    Path dir = of(id);
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
