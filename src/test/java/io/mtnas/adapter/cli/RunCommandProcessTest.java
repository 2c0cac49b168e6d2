package io.mtnas.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mtnas run} end to end in its own JVM on the real NB201 and TransNAS tables. */
class RunCommandProcessTest {
  private static final Path NB201_SPEC = Path.of("conf/searches/nb201-3task.json").toAbsolutePath();
  private static final Path TRANSNAS_SPEC = Path.of("conf/searches/transnas-3task.json").toAbsolutePath();

  @TempDir Path work;

  private MtnasProcess.Result run(String... args) throws Exception {
    return MtnasProcess.run(work, args);
  }

  @Test
  void sameSeedAndOneWorkerGiveByteIdenticalEvaluations() throws Exception {
    String bench = MtnasProcess.benchmarks().toString();
    var first = run("run", NB201_SPEC.toString(), "--seed", "11", "--workers", "1", "--benchmarks", bench, "--out", "a");
    var second = run("run", NB201_SPEC.toString(), "--seed", "11", "--workers", "1", "--benchmarks", bench, "--out", "b");
    assertThat(first.exitCode()).as(first.stderr()).isZero();
    assertThat(second.exitCode()).as(second.stderr()).isZero();
    byte[] a = Files.readAllBytes(work.resolve("a/evaluations.csv"));
    assertThat(a).isEqualTo(Files.readAllBytes(work.resolve("b/evaluations.csv")));
    // A different seed searches differently: the check above is not vacuous.
    var other = run("run", NB201_SPEC.toString(), "--seed", "12", "--benchmarks", bench, "--out", "c");
    assertThat(other.exitCode()).as(other.stderr()).isZero();
    assertThat(Files.readAllBytes(work.resolve("c/evaluations.csv"))).isNotEqualTo(a);
  }

  @Test
  void guidedTransferSearchIsReproducibleTooAndTransfersShowInTheReport() throws Exception {
    String bench = MtnasProcess.benchmarks().toString();
    var first = run("run", NB201_SPEC.toString(), "--strategy", "ktnas", "--seed", "4", "--benchmarks", bench,
        "--out", "k1");
    var second = run("run", NB201_SPEC.toString(), "--strategy", "ktnas", "--seed", "4", "--benchmarks", bench,
        "--out", "k2");
    assertThat(first.exitCode()).as(first.stderr()).isZero();
    assertThat(second.exitCode()).as(second.stderr()).isZero();
    // The predictor trains off its actor and the arbiter hears every task: still the same run.
    assertThat(Files.readAllBytes(work.resolve("k1/evaluations.csv")))
        .isEqualTo(Files.readAllBytes(work.resolve("k2/evaluations.csv")));
    JsonNode report = new ObjectMapper().readTree(work.resolve("k1/report.json").toFile());
    assertThat(report.get("all_solved").asBoolean()).isTrue();
    assertThat(report.get("transfers").size()).isPositive();
    assertThat(Files.readAllLines(work.resolve("k1/events.jsonl")))
        .anyMatch(l -> l.contains("\"event\":\"transfer_decided\""));
  }

  @Test
  void reportHoldsEveryTaskAndTheCsvOneRowPerEvaluation() throws Exception {
    var r = run("run", NB201_SPEC.toString(), "--seed", "3", "--benchmarks", MtnasProcess.benchmarks().toString(),
        "--out", "out");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stderr()).contains("3/3 tasks solved").contains("cifar10-valid").contains("imagenet16-120");
    JsonNode report = new ObjectMapper().readTree(work.resolve("out/report.json").toFile());
    assertThat(report.get("all_solved").asBoolean()).isTrue();
    assertThat(report.get("tasks")).hasSize(3);
    int total = 0;
    for (JsonNode t : report.get("tasks")) {
      assertThat(t.get("best_fitness").asDouble()).isGreaterThanOrEqualTo(t.get("threshold").asDouble());
      assertThat(t.get("evaluations_to_threshold").asInt()).isPositive().isLessThanOrEqualTo(t.get("evaluations").asInt());
      assertThat(t.get("test_metrics").size()).isPositive();
      total += t.get("evaluations").asInt();
    }
    assertThat(report.get("tasks").get(0).get("best_benchmark_index").asInt()).isEqualTo(6111);
    List<String> rows = Files.readAllLines(work.resolve("out/evaluations.csv"));
    assertThat(rows).hasSize(total + 1);
    assertThat(rows.get(0)).startsWith("task,evaluation,job,architecture");
    assertThat(work.resolve("out/evaluations.journal.csv")).doesNotExist();
    // stdout is a pipe here, so the progress events stream there as JSON lines, and to events.jsonl
    assertThat(r.stdout().lines().filter(l -> l.contains("\"event\":\"evaluation\"")).count()).isEqualTo(total);
    assertThat(Files.readAllLines(work.resolve("out/events.jsonl")))
        .anyMatch(l -> l.contains("\"event\":\"search_finished\""));
  }

  @Test
  void transNasSearchUsesItsBudgetAndReportsRank() throws Exception {
    var r = run("run", TRANSNAS_SPEC.toString(), "--benchmarks", MtnasProcess.benchmarks().toString(), "--out", "t");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    JsonNode report = new ObjectMapper().readTree(work.resolve("t/report.json").toFile());
    for (JsonNode t : report.get("tasks")) {
      assertThat(t.get("evaluations").asInt()).isEqualTo(50);
      assertThat(t.get("solved").asBoolean()).isFalse();
    }
    assertThat(r.stderr()).contains("class_object").contains("room_layout");
  }
}
