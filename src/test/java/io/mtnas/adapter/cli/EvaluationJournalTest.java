package io.mtnas.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtnas.adapter.report.EvaluationsCsv;
import io.mtnas.domain.evaluation.JobId;
import io.mtnas.domain.search.EvaluationRecord;
import io.mtnas.domain.space.SearchSpace;
import io.mtnas.domain.space.SearchSpaces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal writes on its own thread, in batches of whole rows, and everything by close. */
class EvaluationJournalTest {
  @TempDir Path dir;

  private static final SearchSpace SPACE = SearchSpaces.transNasMicro();

  private static EvaluationRecord record(String task, int n) {
    return new EvaluationRecord(task, n, new JobId(task, n), SPACE.fromIndex(n % SPACE.size()), "random",
        n / 10.0, n / 10.0, Map.of("params", (double) n), 1.5);
  }

  private static List<String> lines(Path file) throws Exception {
    return Files.readAllLines(file);
  }

  @Test
  void acceptOnlyQueuesAndCloseWritesEverythingInOrder() throws Exception {
    Path file = dir.resolve("journal.csv");
    EvaluationJournal journal = new EvaluationJournal(file, List.of("params"), Duration.ofMinutes(10));
    List<EvaluationRecord> records = new ArrayList<>();
    for (int i = 1; i <= 3_000; i++) {
      EvaluationRecord r = record(i % 2 == 0 ? "alpha" : "beta", i);
      records.add(r);
      journal.accept(r);
    }
    Thread.sleep(100);
    // nothing handed to the OS yet: the interval is ten minutes and the rows fit one batch
    assertThat(lines(file)).containsExactly(EvaluationsCsv.header(List.of("params")).strip());
    assertThat(journal.accepted()).isEqualTo(3_000);
    journal.close();

    List<String> expected = new ArrayList<>();
    expected.add(EvaluationsCsv.header(List.of("params")).strip());
    records.forEach(r -> expected.add(EvaluationsCsv.row(r, List.of("params")).strip()));
    assertThat(lines(file)).isEqualTo(expected);
    assertThat(journal.written()).isEqualTo(3_000);
    assertThat(journal.writes()).isEqualTo(1);
    journal.close(); // idempotent
    assertThatThrownBy(() -> journal.accept(record("alpha", 1))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void rowsReachTheFileWithinTheIntervalWholeAndInBatches() throws Exception {
    Path file = dir.resolve("journal.csv");
    try (EvaluationJournal journal = new EvaluationJournal(file, List.of(), Duration.ofMillis(50))) {
      for (int i = 1; i <= 2_000; i++) {
        journal.accept(record("alpha", i));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (journal.written() < 2_000 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(journal.written()).as("written before close").isEqualTo(2_000);
      assertThat(journal.writes()).as("write calls").isLessThan(100);
      String text = Files.readString(file);
      assertThat(text).endsWith("\n");
      List<String> rows = lines(file).subList(1, 2_001);
      for (int i = 0; i < rows.size(); i++) {
        assertThat(rows.get(i)).startsWith("alpha," + (i + 1) + ",");
        assertThat(rows.get(i).split(",", -1)).hasSize(8);
      }
    }
  }

  @Test
  void manyThreadsMayHandOverRowsAtOnce() throws Exception {
    Path file = dir.resolve("journal.csv");
    EvaluationJournal journal = new EvaluationJournal(file, List.of(), Duration.ofMillis(20));
    List<Thread> threads = new ArrayList<>();
    for (String task : List.of("a", "b", "c", "d")) {
      Thread t = new Thread(() -> {
        for (int i = 1; i <= 5_000; i++) {
          journal.accept(record(task, i));
        }
      });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    journal.close();
    List<String> rows = lines(file).subList(1, 20_001);
    for (String task : List.of("a", "b", "c", "d")) {
      assertThat(rows.stream().filter(r -> r.startsWith(task + ",")).map(r -> Integer.parseInt(r.split(",")[1])))
          .isEqualTo(java.util.stream.IntStream.rangeClosed(1, 5_000).boxed().toList());
    }
    assertThat(lines(file)).hasSize(20_001);
  }
}
