package io.mtnas.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGKILL in the middle of a search: every evaluation integrated so far is in the journal, whole. */
class KilledRunProcessTest {
  @TempDir Path work;

  @Test
  void journalKeepsEveryCompletedEvaluationWhenTheProcessIsKilled() throws Exception {
    Path spec = Path.of("conf/searches/nb201-3task.json").toAbsolutePath();
    Path journal = work.resolve("out/evaluations.journal.csv");
    // Random search needs ~24,000 evaluations: long enough to be killed mid-way.
    Process p = MtnasProcess.start(work, work.resolve("stdout.txt"), work.resolve("stderr.txt"),
        "run", spec.toString(), "--strategy", "random", "--seed", "5",
        "--benchmarks", MtnasProcess.benchmarks().toString(), "--out", "out");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (lineCount(journal) < 2_000) {
      if (!p.isAlive()) {
        fail("the search ended before it could be killed: " + Files.readString(work.resolve("stderr.txt")));
      }
      if (System.nanoTime() > deadline) {
        p.destroyForcibly();
        fail("no journal lines after 60 s");
      }
      Thread.sleep(5);
    }
    p.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs

    List<String> lines = Files.readAllLines(journal);
    assertThat(work.resolve("out/evaluations.csv")).doesNotExist();
    int columns = lines.get(0).split(",", -1).length;
    Map<String, Integer> lastByTask = new HashMap<>();
    // The journal hands whole rows to the OS, a batch per write, so even the last row is whole, and each
    // task's evaluation numbers run 1, 2, 3... with none missing.
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      assertThat(cells).as(line).hasSize(columns);
      int evaluation = Integer.parseInt(cells[1]);
      int previous = lastByTask.getOrDefault(cells[0], 0);
      assertThat(evaluation).as(line).isEqualTo(previous + 1);
      lastByTask.put(cells[0], evaluation);
    }
    assertThat(lines.size() - 1).isGreaterThanOrEqualTo(2_000).isLessThan(30_000);
  }

  private static long lineCount(Path file) throws Exception {
    if (!Files.exists(file)) {
      return 0;
    }
    try (var lines = Files.lines(file)) {
      return lines.count();
    } catch (java.io.UncheckedIOException e) {
      return 0; // read while a line was being appended; try again
    }
  }
}
