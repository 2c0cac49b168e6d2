package io.mtnas.adapter.cli;

import io.mtnas.adapter.report.EvaluationsCsv;
import io.mtnas.domain.search.EvaluationRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Appends each evaluation to a CSV journal the moment it is integrated and hands the line to the
 * operating system, so killing the process loses no completed evaluation. The sorted
 * {@code evaluations.csv} replaces it when the search ends.
 */
final class EvaluationJournal implements Consumer<EvaluationRecord>, AutoCloseable {
  private final Path file;
  private final List<String> metricNames;
  private final BufferedWriter writer;

  EvaluationJournal(Path file, List<String> metricNames) {
    this.file = file;
    this.metricNames = List.copyOf(metricNames);
    try {
      this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
      writer.write(EvaluationsCsv.header(metricNames));
      writer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write journal " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void accept(EvaluationRecord r) {
    try {
      writer.write(EvaluationsCsv.row(r, metricNames));
      writer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to journal " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close journal " + file + ": " + e.getMessage(), e);
    }
  }

  /** Removes the journal once the complete, sorted file is safely written. */
  void delete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete journal " + file + ": " + e.getMessage(), e);
    }
  }
}
