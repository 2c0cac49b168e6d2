package io.mtnas.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mtnas run} on a spec whose tasks train for real in PyTorch trainer processes. */
class TrainerRunProcessTest {
  private static final Path SPEC = Path.of("conf/searches/synthetic-trainer.json").toAbsolutePath();

  @TempDir Path work;

  @Test
  void aTrainingSearchRunsEndToEndAndReportsEveryEvaluation() throws Exception {
    // The trainer's Python path is relative to the working directory: run from the repository.
    // A search whose tasks all train needs no benchmark tables: point it at none.
    Path repo = Path.of("").toAbsolutePath();
    var r = MtnasProcess.run(repo, "run", SPEC.toString(), "--benchmarks", work.resolve("no-tables").toString(),
        "--out", work.resolve("out").toString());
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    JsonNode report = new ObjectMapper().readTree(work.resolve("out/report.json").toFile());
    assertThat(report.get("tasks")).hasSize(2);
    for (JsonNode t : report.get("tasks")) {
      assertThat(t.get("evaluations").asInt()).isEqualTo(4);
      assertThat(t.get("best_fitness").asDouble()).isBetween(0.0, 100.0);
      assertThat(t.get("test_metrics").has("val_loss")).isTrue();
      assertThat(t.get("cost_seconds").asDouble()).isPositive();
    }
    assertThat(Files.readAllLines(work.resolve("out/evaluations.csv"))).hasSize(9);
  }

  @Test
  void aTrainingTaskWithoutTheSpecsSpaceIsBadInput() throws Exception {
    var r = MtnasProcess.runEdited(work, SPEC, "nospace.json", s -> s.replace("\"space\": \"nb201\",", ""));
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).contains("$.tasks[0].benchmark").contains("space");
  }

  @Test
  void anUnknownDatasetKindIsBadInputNamingItsPath() throws Exception {
    var r = MtnasProcess.runEdited(work, SPEC, "kind.json",
        s -> s.replaceFirst("\"kind\": \"synthetic\"", "\"kind\": \"imagenet\""));
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).contains("$.tasks[0].trainer.dataset.kind").contains("imagenet");
  }
}
