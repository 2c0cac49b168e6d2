package io.mtnas.adapter.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtnas.adapter.benchmark.SpecFixtureTables;
import io.mtnas.domain.search.SearchSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Training tasks in specs: read, written back, read again; and their bad inputs. */
class TrainerSpecRoundTripTest {
  private static final Path SHIPPED = Path.of("conf/searches/synthetic-trainer.json");

  private static SearchSpec read(String text) {
    return new SpecReader().parse("trainer.json", text, SpecFixtureTables.both());
  }

  @Test
  void theShippedTrainingSpecSurvivesARoundTrip() throws Exception {
    SearchSpec spec = read(Files.readString(SHIPPED));
    assertThat(spec.tasks()).allSatisfy(t -> assertThat(t.trainer()).isPresent());
    assertThat(spec.tasks().get(1).trainer().get().syntheticSeed()).isEqualTo(2);
    assertThat(read(SpecWriter.toJson(spec))).isEqualTo(spec);
  }

  @Test
  void aTrainerReportsOnlyItsOwnMetrics() throws Exception {
    String text = Files.readString(SHIPPED).replaceFirst("\"fitness\": \"val_accuracy\"", "\"fitness\": \"top5\"");
    assertThatThrownBy(() -> read(text)).isInstanceOf(SpecException.class)
        .hasMessageContaining("$.tasks[0].fitness").hasMessageContaining("top5").hasMessageContaining("val_accuracy");
  }

  @Test
  void aFileDatasetNeedsAPathAndUnknownTrainerKeysAreRejected() throws Exception {
    String noPath = Files.readString(SHIPPED).replaceFirst("\"kind\": \"synthetic\"", "\"kind\": \"cifar10\"");
    assertThatThrownBy(() -> read(noPath)).hasMessageContaining("$.tasks[0].trainer.dataset.path");
    String unknown = Files.readString(SHIPPED).replaceFirst("\"channels\": 8", "\"channels\": 8, \"dropout\": 0.1");
    assertThatThrownBy(() -> read(unknown)).hasMessageContaining("$.tasks[0].trainer.dropout");
  }

  @Test
  void aTrainerBlockOnATableTaskIsRejected() throws Exception {
    String text = Files.readString(SHIPPED).replaceFirst("\"benchmark\": \"trainer\"", "\"benchmark\": \"nb201\"");
    assertThatThrownBy(() -> read(text)).hasMessageContaining("$.tasks[0].trainer")
        .hasMessageContaining("benchmark");
  }
}
