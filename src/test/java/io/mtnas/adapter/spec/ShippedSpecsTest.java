package io.mtnas.adapter.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.mtnas.adapter.benchmark.BenchmarkTable;
import io.mtnas.adapter.benchmark.BenchmarkTables;
import io.mtnas.domain.evaluation.Direction;
import io.mtnas.domain.search.GuidanceSpec;
import io.mtnas.domain.search.SearchSpec;
import io.mtnas.domain.search.StrategyPresets;
import io.mtnas.domain.search.StrategySpec;
import io.mtnas.domain.search.TaskSpec;
import io.mtnas.domain.search.TransferSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The specs shipped in conf/searches, read against the REAL benchmark tables (system property
 * {@code mtnas.benchmarks}, set by Surefire). A missing property, directory or spec fails the
 * test instead of skipping it, so this check cannot silently stop running.
 */
class ShippedSpecsTest {
  private static final String PROPERTY = "mtnas.benchmarks";
  private static final Path BASE = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
  private static final Path SEARCHES = BASE.resolve("conf/searches");
  private static final Path DOCS = BASE.resolve("docs/spec.md");

  private static BenchmarkTables tables;

  @BeforeAll
  static void openRealTables() {
    String dir = System.getProperty(PROPERTY);
    if (dir == null || dir.isBlank()) {
      fail("system property " + PROPERTY + " is not set; it must name the benchmark directory"
          + " (Surefire sets it to ${project.basedir}/../shared/benchmarks)");
    }
    Path directory = Path.of(dir);
    if (!Files.isDirectory(directory)) {
      fail("benchmark directory " + directory.toAbsolutePath().normalize() + " is missing ("
          + PROPERTY + "=" + dir + ")");
    }
    tables = BenchmarkTables.open(directory);
    assertThat(tables.ids()).as("benchmarks loaded from " + directory).contains("nb201", "transnas-micro");
  }

  static List<Path> shippedSpecs() {
    if (!Files.isDirectory(SEARCHES)) {
      fail("spec directory " + SEARCHES + " is missing");
    }
    try (Stream<Path> files = Files.list(SEARCHES)) {
      List<Path> specs = files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
      if (specs.isEmpty()) {
        fail("no *.json spec in " + SEARCHES);
      }
      return specs;
    } catch (IOException e) {
      throw new AssertionError("cannot list " + SEARCHES, e);
    }
  }

  private static SearchSpec read(String fileName) {
    Path file = SEARCHES.resolve(fileName);
    assertThat(file).as("shipped spec").isRegularFile();
    return new SpecReader().read(file, tables);
  }

  @Test
  void theProtocolSpecsAreShipped() {
    assertThat(shippedSpecs()).extracting(p -> p.getFileName().toString())
        .contains("nb201-3task.json", "nb201-3task-ktnas.json", "transnas-3task.json");
  }

  @ParameterizedTest
  @MethodSource("shippedSpecs")
  void parsesAgainstTheRealTables(Path file) {
    SearchSpec spec = new SpecReader().read(file, tables);
    assertThat(file.getFileName().toString()).as("file name = spec name").isEqualTo(spec.name() + ".json");
    assertThat(spec.tasks()).isNotEmpty();
  }

  @ParameterizedTest
  @MethodSource("shippedSpecs")
  void roundTripsThroughTheWriter(Path file) {
    SearchSpec spec = new SpecReader().read(file, tables);
    assertThat(new SpecReader().parse("written", SpecWriter.toJson(spec), tables)).isEqualTo(spec);
  }

  /** ktnas.md section 5: fitness column, threshold and the one architecture (official index) reaching it. */
  @Test
  void nb201ThreeTaskIsTheKtnasProtocol() {
    SearchSpec spec = read("nb201-3task.json");
    assertThat(spec.space()).isEqualTo("nb201");
    assertThat(spec.strategy()).isEqualTo(new StrategySpec(StrategySpec.Kind.REA, 10, 5, true, 0));
    assertThat(spec.tasks()).extracting(TaskSpec::name).containsExactly("cifar10-valid", "cifar100", "imagenet16-120");
    record Expected(String fitness, double threshold, long officialIndex) {}
    Map<String, Expected> expected = Map.of(
        "cifar10-valid", new Expected("cifar10valid_val_acc_200ep", 91.60, 6111),
        "cifar100", new Expected("cifar100_val_acc_200ep_derived", 73.49, 9930),
        "imagenet16-120", new Expected("imagenet16_120_val_acc_200ep_derived", 46.70, 10676));
    BenchmarkTable nb201 = tables.get("nb201");
    for (TaskSpec task : spec.tasks()) {
      Expected e = expected.get(task.name());
      assertThat(task.benchmark()).isEqualTo("nb201");
      assertThat(task.fitness()).as(task.name()).isEqualTo(e.fitness());
      assertThat(task.direction()).isEqualTo(Direction.MAX);
      assertThat(task.threshold()).as(task.name()).hasValue(e.threshold());
      assertThat(task.budget()).isEqualTo(15625);
      assertThat(nb201.countReaching(task.fitness(), Direction.MAX, e.threshold()))
          .as("architectures reaching the %s threshold", task.name()).isEqualTo(1);
      BenchmarkTable.Optimum best = nb201.optimum(task.fitness(), Direction.MAX);
      assertThat(nb201.officialIndex(best.architecture())).as(task.name() + " optimum").hasValue(e.officialIndex());
      assertThat(task.solvedBy(best.value())).isTrue();
    }
    assertThat(spec.task("cifar10-valid").testMetrics()).contains("cifar10_test_acc_200ep");
    assertThat(spec.task("cifar100").testMetrics()).contains("cifar100_test_acc_200ep");
    assertThat(spec.task("imagenet16-120").testMetrics()).contains("imagenet16_120_test_acc_200ep");
    assertThat(spec.tasks()).allSatisfy(t -> {
      assertThat(t.proxyMetrics()).isNotEmpty();
      assertThat(t.costMetric()).isPresent();
    });
  }

  /** The ktnas preset applied to nb201-3task.json, written out; everything but the name is equal. */
  @Test
  void nb201ThreeTaskKtnasIsThePresetWrittenOut() {
    SearchSpec plain = read("nb201-3task.json");
    SearchSpec ktnas = read("nb201-3task-ktnas.json");
    assertThat(ktnas.name()).isEqualTo("nb201-3task-ktnas");
    assertThat(ktnas.strategy()).isEqualTo(StrategyPresets.apply("ktnas", plain.strategy()));
    assertThat(ktnas.strategy()).isEqualTo(new StrategySpec(StrategySpec.Kind.REA, 10, 5, true, 0, "wl",
        new GuidanceSpec(20, 100, true, true, true, true), new TransferSpec(TransferSpec.Mode.RANK, 4, 0.2, 5)));
    assertThat(ktnas.tasks()).isEqualTo(plain.tasks());
    assertThat(ktnas.seed()).isEqualTo(plain.seed());
    assertThat(ktnas.workers()).isEqualTo(plain.workers());
    assertThat(ktnas.space()).isEqualTo(plain.space());
    // zero-cost ranks by each task's first proxy metric: the task's own synflow
    assertThat(ktnas.tasks()).allSatisfy(t -> assertThat(t.proxyMetrics().get(0)).endsWith("_freerea_synflow"));
  }

  @Test
  void transNasThreeTaskIsTheKtnasTableThreeTasks() {
    SearchSpec spec = read("transnas-3task.json");
    assertThat(spec.space()).isEqualTo("transnas-micro");
    assertThat(spec.tasks()).extracting(TaskSpec::name).containsExactly("class_object", "class_scene", "room_layout");
    assertThat(spec.tasks()).extracting(TaskSpec::fitness).containsExactly(
        "class_object_val_top1_final", "class_scene_val_top1_final", "room_layout_val_neg_l2loss_final");
    assertThat(spec.tasks()).allSatisfy(t -> {
      assertThat(t.benchmark()).isEqualTo("transnas-micro");
      assertThat(t.budget()).isEqualTo(50);
      assertThat(t.direction()).isEqualTo(Direction.MAX);
      assertThat(t.threshold()).isEmpty();
    });
  }

  @Test
  void columnHintAgainstTheRealTable() {
    String spec = """
        {"name": "typo", "seed": 1, "strategy": {"kind": "rea"},
         "tasks": [{"name": "c100", "benchmark": "nb201", "fitness": "cifar100_val_acc_200ep",
                    "direction": "max", "budget": 10}]}
        """;
    try {
      new SpecReader().parse("typo.json", spec, tables);
      fail("expected a SpecException");
    } catch (SpecException e) {
      assertThat(e.getMessage()).isEqualTo("typo.json: $.tasks[0].fitness: benchmark nb201 has no column"
          + " \"cifar100_val_acc_200ep\"; closest columns: [cifar100_val_acc_200ep_derived,"
          + " cifar100_val_acc_12ep, cifar100_test_acc_200ep] (all " + tables.get("nb201").columns().size()
          + " in docs/spec.md)");
    }
  }

  @Test
  void unreachableThresholdAgainstTheRealTable() {
    String spec = """
        {"name": "greedy", "seed": 1, "strategy": {"kind": "rea"},
         "tasks": [{"name": "c10", "benchmark": "nb201", "fitness": "cifar10valid_val_acc_200ep",
                    "direction": "max", "threshold": 91.61, "budget": 10}]}
        """;
    try {
      new SpecReader().parse("greedy.json", spec, tables);
      fail("expected a SpecException");
    } catch (SpecException e) {
      assertThat(e.getMessage()).isEqualTo("greedy.json: $.tasks[0].threshold: 91.61 is never reached: the best"
          + " cifar10valid_val_acc_200ep in nb201 is 91.6067 (direction max)");
    }
  }

  /** The example at the top of docs/spec.md is a spec that runs. */
  @Test
  void docsExampleIsAValidSpec() throws IOException {
    String docs = Files.readString(DOCS, StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("```json\n(.*?)```", Pattern.DOTALL).matcher(docs);
    assertThat(m.find()).as("a ```json example in docs/spec.md").isTrue();
    SearchSpec example = new SpecReader().parse("docs/spec.md example", m.group(1), tables);
    assertThat(example.tasks()).hasSize(2);
    assertThat(example.workers()).isEqualTo(1);
  }

  /** The column hint points readers at docs/spec.md, so it must name every column a spec can use. */
  @Test
  void docsListEveryColumnOfTheRealTables() throws IOException {
    assertThat(DOCS).as("spec reference").isRegularFile();
    String docs = Files.readString(DOCS, StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("`([A-Za-z0-9_]+)`").matcher(docs);
    java.util.Set<String> named = new java.util.HashSet<>();
    while (m.find()) {
      named.add(m.group(1));
    }
    for (String id : List.of("nb201", "transnas-micro")) {
      List<String> columns = tables.get(id).columns();
      assertThat(columns).as("columns of " + id + " named in docs/spec.md").allMatch(named::contains);
    }
    assertThat(docs).contains("conf/searches/nb201-3task.json", "conf/searches/nb201-3task-ktnas.json",
        "conf/searches/transnas-3task.json");
  }
}
