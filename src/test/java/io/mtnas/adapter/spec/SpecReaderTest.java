package io.mtnas.adapter.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtnas.adapter.benchmark.BenchmarkTables;
import io.mtnas.adapter.benchmark.SpecFixtureTables;
import io.mtnas.domain.embedding.Embedders;
import io.mtnas.domain.evaluation.Direction;
import io.mtnas.domain.predictor.GaussianProcessRegressor;
import io.mtnas.domain.search.GuidanceSpec;
import io.mtnas.domain.search.SearchSpec;
import io.mtnas.domain.search.StrategyPresets;
import io.mtnas.domain.search.StrategySpec;
import io.mtnas.domain.search.TaskSpec;
import io.mtnas.domain.search.TransferSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SpecReader against small synthetic tables ({@link SpecFixtureTables}): every rejection names the
 * source, the JSON path of the offending value and the value itself; accepted specs get the
 * documented defaults.
 */
class SpecReaderTest {
  private static final String SOURCE = "specs/fixture.json";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final BenchmarkTables TABLES = SpecFixtureTables.both();

  /** A valid two-task NB201 spec with only the required keys. */
  private static final String MINIMAL = """
      {
        "name": "fixture-2task",
        "seed": 7,
        "strategy": {"kind": "rea"},
        "tasks": [
          {"name": "c10", "benchmark": "nb201", "fitness": "cifar10valid_val_acc_200ep",
           "direction": "max", "budget": 100},
          {"name": "c100", "benchmark": "nb201", "fitness": "cifar100_val_acc_200ep_derived",
           "direction": "max", "budget": 200}
        ]
      }
      """;

  private static ObjectNode minimal() {
    try {
      return (ObjectNode) JSON.readTree(MINIMAL);
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  private static ObjectNode task(ObjectNode spec, int i) {
    return (ObjectNode) spec.get("tasks").get(i);
  }

  private static ObjectNode strategy(ObjectNode spec) {
    return (ObjectNode) spec.get("strategy");
  }

  private static SearchSpec parse(String text) {
    return new SpecReader().parse(SOURCE, text, TABLES);
  }

  private static SearchSpec parse(Consumer<ObjectNode> edit) {
    ObjectNode spec = minimal();
    edit.accept(spec);
    return parse(spec.toString());
  }

  private static String messageOf(Runnable parse) {
    try {
      parse.run();
    } catch (SpecException e) {
      return e.getMessage();
    }
    throw new AssertionError("expected a SpecException");
  }

  /** The message of the rejection, which must start with the source and the JSON path. */
  private static AbstractStringAssert<?> rejected(Consumer<ObjectNode> edit, String path) {
    String message = messageOf(() -> parse(edit));
    return assertThat(message).startsWith(SOURCE + ": " + path + ": ");
  }

  private static AbstractStringAssert<?> rejectedText(String text) {
    String message = messageOf(() -> parse(text));
    return assertThat(message).startsWith(SOURCE + ": ");
  }

  @Test
  void minimalSpecIsValid() {
    SearchSpec spec = parse(MINIMAL);
    assertThat(spec.name()).isEqualTo("fixture-2task");
    assertThat(spec.tasks()).extracting(TaskSpec::name).containsExactly("c10", "c100");
  }

  @Test
  void fixtureTablesAreWhatTheTestsAssume() {
    assertThat(TABLES.ids()).containsExactly("nb201", "transnas-micro");
    assertThat(TABLES.get("nb201").size()).isEqualTo(15625);
    assertThat(TABLES.get("transnas-micro").size()).isEqualTo(4096);
    assertThat(TABLES.get("nb201").columns()).isEqualTo(SpecFixtureTables.NB201_COLUMNS);
    assertThat(TABLES.get("transnas-micro").columns()).isEqualTo(SpecFixtureTables.TRANSNAS_COLUMNS);
    assertThat(TABLES.get("nb201").countReaching("cifar10valid_val_acc_200ep", Direction.MAX,
        SpecFixtureTables.NB201_BEST_ACC)).isEqualTo(1);
  }

  @Nested
  class Syntax {
    @Test
    void invalidJsonNamesLineAndColumn() {
      String text = "{\n  \"name\": \"x\",\n  \"seed\": 7,,\n}";
      rejectedText(text)
          .startsWith(SOURCE + ": not valid JSON at line 3, column 13: ")
          .contains("Unexpected character (',' (code 44))");
    }

    @Test
    void unfinishedDocumentIsInvalidJson() {
      rejectedText(MINIMAL.substring(0, MINIMAL.indexOf("\"tasks\"")))
          .startsWith(SOURCE + ": not valid JSON at line ")
          .contains("end-of-input");
    }

    @Test
    void nonStandardNumbersAreInvalidJson() {
      String text = MINIMAL.replace("\"seed\": 7", "\"seed\": NaN");
      rejectedText(text).startsWith(SOURCE + ": not valid JSON at line 3, column ").contains("'NaN'");
    }

    @Test
    void duplicateKeyNamesTheKeyAndWhereItIs() {
      String text = MINIMAL.replace("\"seed\": 7,", "\"seed\": 7,\n  \"seed\": 8,");
      rejectedText(text).isEqualTo(SOURCE + ": not valid JSON at line 4, column 9: Duplicate field 'seed'");
    }

    @Test
    void duplicateKeyInsideATaskIsFound() {
      String text = MINIMAL.replace("\"budget\": 200", "\"budget\": 200, \"budget\": 300");
      rejectedText(text).startsWith(SOURCE + ": not valid JSON at line 9, column ")
          .endsWith("Duplicate field 'budget'");
    }

    @Test
    void trailingTokensAreRejected() {
      rejectedText(MINIMAL + "{}")
          .startsWith(SOURCE + ": not valid JSON at line 12, column 1: ")
          .contains("more JSON follows the spec's closing brace").doesNotContain("jackson");
    }

    @Test
    void twoDocumentsOnOneLineAreRejected() {
      rejectedText("{} []").startsWith(SOURCE + ": not valid JSON at line 1, column 4: ").contains("more JSON follows");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"name\": \"x\"}]", "\"spec\"", "42", "null", "true"})
    void topLevelMustBeAnObject(String text) {
      JsonNode node = readTree(text);
      rejectedText(text).isEqualTo(SOURCE + ": $: must be an object, got " + JsonFields.describe(node));
    }

    @Test
    void topLevelArrayIsDescribed() {
      rejectedText("[1, 2]").isEqualTo(SOURCE + ": $: must be an object, got an array");
      rejectedText("\"spec\"").isEqualTo(SOURCE + ": $: must be an object, got \"spec\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n"})
    void emptyFileIsNotASpec(String text) {
      rejectedText(text).isEqualTo(SOURCE + ": $: must be an object, got nothing");
    }

    private JsonNode readTree(String text) {
      try {
        return JSON.readTree(text);
      } catch (JsonProcessingException e) {
        throw new AssertionError(e);
      }
    }
  }

  @Nested
  class UnknownKeys {
    @Test
    void atTopLevel() {
      rejected(s -> s.put("seeds", 3), "$.seeds")
          .isEqualTo(SOURCE + ": $.seeds: unknown key; known keys here: "
              + "[description, name, seed, space, strategy, tasks, warm_from, workers]");
    }

    @Test
    void inStrategy() {
      rejected(s -> strategy(s).put("population", 20), "$.strategy.population")
          .isEqualTo(SOURCE + ": $.strategy.population: unknown key; known keys here: "
              + "[avoid_seen, candidates, embedding, gp, incumbent_neighbours, kind, parallelism, population_size,"
              + " predictor, predictor_model, predictor_other_tasks, samples, tournament_size, transfer, zero_cost]");
    }

    @Test
    void inTask() {
      rejected(s -> task(s, 1).put("thresold", 80.0), "$.tasks[1].thresold")
          .isEqualTo(SOURCE + ": $.tasks[1].thresold: unknown key; known keys here: "
              + "[benchmark, budget, cost_metric, direction, fitness, join_after, join_start, name, proxy_metrics,"
              + " test_metrics, threshold, time_budget_s, trainer]");
    }

    @Test
    void keysAreCaseSensitive() {
      rejected(s -> {
        s.remove("seed");
        s.put("Seed", 7);
      }, "$.Seed").contains("unknown key");
    }

    @Test
    void unknownKeyIsReportedEvenWhenARequiredOneIsMissing() {
      rejected(s -> {
        s.remove("name");
        s.put("nmae", "x");
      }, "$.nmae").contains("unknown key");
    }
  }

  @Nested
  class RequiredFields {
    static Stream<Arguments> topLevel() {
      return Stream.of(
          Arguments.of("name", "$.name"),
          Arguments.of("seed", "$.seed"),
          Arguments.of("strategy", "$.strategy"),
          Arguments.of("tasks", "$.tasks"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topLevel")
    void missingAtTopLevel(String key, String path) {
      rejected(s -> s.remove(key), path).isEqualTo(SOURCE + ": " + path + ": missing (required)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topLevel")
    void nullCountsAsMissing(String key, String path) {
      rejected(s -> s.putNull(key), path).isEqualTo(SOURCE + ": " + path + ": missing (required)");
    }

    @Test
    void strategyKind() {
      rejected(s -> strategy(s).remove("kind"), "$.strategy.kind")
          .isEqualTo(SOURCE + ": $.strategy.kind: missing (required)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"name", "benchmark", "fitness", "direction", "budget"})
    void missingInSecondTask(String key) {
      String path = "$.tasks[1]." + key;
      rejected(s -> task(s, 1).remove(key), path).isEqualTo(SOURCE + ": " + path + ": missing (required)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"name", "benchmark", "fitness", "direction", "budget"})
    void nullInFirstTaskCountsAsMissing(String key) {
      String path = "$.tasks[0]." + key;
      rejected(s -> task(s, 0).putNull(key), path).isEqualTo(SOURCE + ": " + path + ": missing (required)");
    }
  }

  @Nested
  class WrongTypes {
    @Test
    void stringSeed() {
      rejected(s -> s.put("seed", "7"), "$.seed").isEqualTo(SOURCE + ": $.seed: must be an integer, got \"7\"");
    }

    @Test
    void fractionalSeed() {
      rejected(s -> s.put("seed", 7.5), "$.seed").isEqualTo(SOURCE + ": $.seed: must be an integer, got 7.5");
    }

    @Test
    void seedWrittenAsFloatingPointIsNotAnInteger() {
      String text = MINIMAL.replace("\"seed\": 7", "\"seed\": 7.0");
      rejectedText(text).isEqualTo(SOURCE + ": $.seed: must be an integer, got 7.0");
    }

    @Test
    void seedBeyondSixtyFourBits() {
      String text = MINIMAL.replace("\"seed\": 7", "\"seed\": 9223372036854775808");
      rejectedText(text).isEqualTo(SOURCE + ": $.seed: must be a 64-bit integer, got 9223372036854775808");
    }

    @Test
    void booleanBudget() {
      rejected(s -> task(s, 1).put("budget", true), "$.tasks[1].budget")
          .isEqualTo(SOURCE + ": $.tasks[1].budget: must be an integer, got true");
    }

    @Test
    void stringBudget() {
      rejected(s -> task(s, 0).put("budget", "100"), "$.tasks[0].budget")
          .isEqualTo(SOURCE + ": $.tasks[0].budget: must be an integer, got \"100\"");
    }

    @Test
    void numberWhereNameExpected() {
      rejected(s -> s.put("name", 42), "$.name").isEqualTo(SOURCE + ": $.name: must be a non-empty string, got 42");
    }

    @Test
    void numberWhereFitnessExpected() {
      rejected(s -> task(s, 1).put("fitness", 3.5), "$.tasks[1].fitness")
          .isEqualTo(SOURCE + ": $.tasks[1].fitness: must be a non-empty string, got 3.5");
    }

    @Test
    void arrayWhereBenchmarkExpected() {
      rejected(s -> task(s, 0).putArray("benchmark").add("nb201"), "$.tasks[0].benchmark")
          .isEqualTo(SOURCE + ": $.tasks[0].benchmark: must be a non-empty string, got an array");
    }

    @Test
    void numberWhereStrategyKindExpected() {
      rejected(s -> strategy(s).put("kind", 1), "$.strategy.kind")
          .isEqualTo(SOURCE + ": $.strategy.kind: must be a non-empty string, got 1");
    }

    @Test
    void numberWhereCostMetricExpected() {
      rejected(s -> task(s, 0).put("cost_metric", 7), "$.tasks[0].cost_metric")
          .isEqualTo(SOURCE + ": $.tasks[0].cost_metric: must be a non-empty string, got 7");
    }

    @Test
    void numberWhereSpaceExpected() {
      rejected(s -> s.put("space", 201), "$.space")
          .isEqualTo(SOURCE + ": $.space: must be a non-empty string, got 201");
    }

    @Test
    void numberWhereDescriptionExpected() {
      rejected(s -> s.put("description", 5), "$.description")
          .isEqualTo(SOURCE + ": $.description: must be a string, got 5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void blankName(String name) {
      rejected(s -> s.put("name", name), "$.name")
          .isEqualTo(SOURCE + ": $.name: must be a non-empty string, got \"" + name + "\"");
    }

    @Test
    void stringThreshold() {
      rejected(s -> task(s, 0).put("threshold", "85"), "$.tasks[0].threshold")
          .isEqualTo(SOURCE + ": $.tasks[0].threshold: must be a finite number, got \"85\"");
    }

    @Test
    void thresholdTooLargeForADouble() {
      String text = MINIMAL.replace("\"budget\": 100", "\"budget\": 100, \"threshold\": 1e999");
      rejectedText(text).startsWith(SOURCE + ": $.tasks[0].threshold: must be a finite number, got ");
    }

    @Test
    void stringAvoidSeen() {
      rejected(s -> strategy(s).put("avoid_seen", "true"), "$.strategy.avoid_seen")
          .isEqualTo(SOURCE + ": $.strategy.avoid_seen: must be true or false, got \"true\"");
    }

    @Test
    void fractionalPopulationSize() {
      rejected(s -> strategy(s).put("population_size", 10.5), "$.strategy.population_size")
          .isEqualTo(SOURCE + ": $.strategy.population_size: must be an integer, got 10.5");
    }

    @Test
    void strategyMustBeAnObject() {
      rejected(s -> s.put("strategy", "rea"), "$.strategy")
          .isEqualTo(SOURCE + ": $.strategy: must be an object, got \"rea\"");
    }

    @Test
    void tasksMustBeAnArray() {
      rejected(s -> s.putObject("tasks").put("name", "c10"), "$.tasks")
          .isEqualTo(SOURCE + ": $.tasks: must be a non-empty array of tasks, got an object");
      rejected(s -> s.putObject("tasks"), "$.tasks")
          .isEqualTo(SOURCE + ": $.tasks: must be a non-empty array of tasks, got an empty object");
    }

    @Test
    void tasksMustNotBeEmpty() {
      rejected(s -> s.putArray("tasks"), "$.tasks")
          .isEqualTo(SOURCE + ": $.tasks: must be a non-empty array of tasks, got an empty array");
    }

    @Test
    void eachTaskMustBeAnObject() {
      rejected(s -> s.withArray("tasks").set(1, JSON.getNodeFactory().textNode("c100")), "$.tasks[1]")
          .isEqualTo(SOURCE + ": $.tasks[1]: must be an object, got \"c100\"");
    }

    @Test
    void nonArrayTestMetrics() {
      rejected(s -> task(s, 0).put("test_metrics", "cifar10_test_acc_200ep"), "$.tasks[0].test_metrics")
          .isEqualTo(SOURCE + ": $.tasks[0].test_metrics: must be an array of strings, got \"cifar10_test_acc_200ep\"");
    }

    @Test
    void objectAsProxyMetrics() {
      rejected(s -> task(s, 1).putObject("proxy_metrics"), "$.tasks[1].proxy_metrics")
          .isEqualTo(SOURCE + ": $.tasks[1].proxy_metrics: must be an array of strings, got an empty object");
    }

    @Test
    void blankStringInTestMetrics() {
      rejected(s -> task(s, 0).putArray("test_metrics").add("cifar10_test_acc_200ep").add(" "),
          "$.tasks[0].test_metrics[1]")
          .isEqualTo(SOURCE + ": $.tasks[0].test_metrics[1]: must be a non-empty string, got \" \"");
    }

    @Test
    void numberInProxyMetrics() {
      rejected(s -> task(s, 1).putArray("proxy_metrics").add(3), "$.tasks[1].proxy_metrics[0]")
          .isEqualTo(SOURCE + ": $.tasks[1].proxy_metrics[0]: must be a non-empty string, got 3");
    }

    @Test
    void nullInProxyMetrics() {
      rejected(s -> task(s, 1).putArray("proxy_metrics").add("cifar10_freerea_synflow").addNull(),
          "$.tasks[1].proxy_metrics[1]")
          .isEqualTo(SOURCE + ": $.tasks[1].proxy_metrics[1]: must be a non-empty string, got null");
    }

    @Test
    void duplicateEntryInTestMetrics() {
      rejected(s -> task(s, 0).putArray("test_metrics")
              .add("cifar10_test_acc_200ep").add("cifar100_test_acc_200ep").add("cifar10_test_acc_200ep"),
          "$.tasks[0].test_metrics[2]")
          .isEqualTo(SOURCE + ": $.tasks[0].test_metrics[2]: \"cifar10_test_acc_200ep\" is listed twice");
    }

    @Test
    void duplicateEntryInProxyMetrics() {
      rejected(s -> task(s, 1).putArray("proxy_metrics").add("cifar10_params_M").add("cifar10_params_M"),
          "$.tasks[1].proxy_metrics[1]")
          .isEqualTo(SOURCE + ": $.tasks[1].proxy_metrics[1]: \"cifar10_params_M\" is listed twice");
    }
  }

  @Nested
  class Ranges {
    @ParameterizedTest
    @ValueSource(longs = {0, -1, -100})
    void budgetBelowOne(long budget) {
      rejected(s -> task(s, 1).put("budget", budget), "$.tasks[1].budget")
          .isEqualTo(SOURCE + ": $.tasks[1].budget: must be in 1..15625 (the architectures of nb201), got " + budget);
    }

    @ParameterizedTest
    @ValueSource(longs = {15626, 3_000_000_000L})
    void budgetAboveTheSpace(long budget) {
      rejected(s -> task(s, 1).put("budget", budget), "$.tasks[1].budget")
          .isEqualTo(SOURCE + ": $.tasks[1].budget: must be in 1..15625 (the architectures of nb201), got " + budget);
    }

    @Test
    void budgetAboveTheTransNasSpace() {
      rejected(s -> {
        for (int i = 0; i < 2; i++) {
          task(s, i).put("benchmark", "transnas-micro");
        }
        task(s, 0).put("fitness", "class_object_val_top1_final");
        task(s, 1).put("fitness", "class_scene_val_top1_final").put("budget", 4097);
      }, "$.tasks[1].budget")
          .isEqualTo(SOURCE + ": $.tasks[1].budget: must be in 1..4096 (the architectures of transnas-micro),"
              + " got 4097");
    }

    @Test
    void budgetEqualToTheSpaceIsAllowed() {
      assertThat(parse(s -> task(s, 0).put("budget", 15625)).tasks().get(0).budget()).isEqualTo(15625);
      assertThat(parse(s -> task(s, 0).put("budget", 1)).tasks().get(0).budget()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -2})
    void workersBelowOne(int workers) {
      rejected(s -> s.put("workers", workers), "$.workers")
          .isEqualTo(SOURCE + ": $.workers: must be an integer in 1..256, got " + workers);
    }

    @ParameterizedTest
    @ValueSource(longs = {257, 100_000, 3_000_000_000L})
    void workersAboveTheMaximum(long workers) {
      rejected(s -> s.put("workers", workers), "$.workers")
          .isEqualTo(SOURCE + ": $.workers: must be an integer in 1.." + SearchSpec.MAX_WORKERS + ", got " + workers);
    }

    @Test
    void workersAtTheMaximumAreAllowed() {
      assertThat(parse(s -> s.put("workers", 256)).workers()).isEqualTo(SearchSpec.MAX_WORKERS);
    }

    @Test
    void populationSizeZero() {
      rejected(s -> strategy(s).put("population_size", 0), "$.strategy.population_size")
          .isEqualTo(SOURCE + ": $.strategy.population_size: must be an integer >= 1, got 0");
    }

    @Test
    void tournamentSizeZero() {
      rejected(s -> strategy(s).put("tournament_size", 0), "$.strategy.tournament_size")
          .isEqualTo(SOURCE + ": $.strategy.tournament_size: must be an integer >= 1, got 0");
    }

    @Test
    void negativeParallelism() {
      rejected(s -> strategy(s).put("parallelism", -1), "$.strategy.parallelism")
          .isEqualTo(SOURCE + ": $.strategy.parallelism: must be an integer >= 0, got -1");
    }

    @Test
    void tournamentLargerThanPopulation() {
      rejected(s -> strategy(s).put("population_size", 4).put("tournament_size", 5), "$.strategy.tournament_size")
          .isEqualTo(SOURCE + ": $.strategy.tournament_size: must be at most population_size 4, got 5");
    }

    @Test
    void tournamentLargerThanDefaultPopulation() {
      rejected(s -> strategy(s).put("tournament_size", 11), "$.strategy.tournament_size")
          .isEqualTo(SOURCE + ": $.strategy.tournament_size: must be at most population_size 10, got 11");
    }

    @Test
    void tournamentEqualToPopulationIsAllowed() {
      StrategySpec s = parse(spec -> strategy(spec).put("population_size", 4).put("tournament_size", 4)).strategy();
      assertThat(s.tournamentSize()).isEqualTo(4);
    }
  }

  @Nested
  class Names {
    @ParameterizedTest
    @ValueSource(strings = {"my search", "a/b", "../up", "naïve", "x:y"})
    void searchNameCharacters(String name) {
      rejected(s -> s.put("name", name), "$.name")
          .isEqualTo(SOURCE + ": $.name: \"" + name + "\" may only hold letters, digits, '.', '_' and '-'"
              + " (it names output directories)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"c 10", "c10/valid", "c10,valid"})
    void taskNameCharacters(String name) {
      rejected(s -> task(s, 1).put("name", name), "$.tasks[1].name")
          .isEqualTo(SOURCE + ": $.tasks[1].name: \"" + name + "\" may only hold letters, digits, '.', '_' and '-'");
    }

    @Test
    void allowedCharacters() {
      SearchSpec spec = parse(s -> {
        s.put("name", "A.z_0-9");
        task(s, 0).put("name", "cifar10-valid.v2_x");
      });
      assertThat(spec.name()).isEqualTo("A.z_0-9");
      assertThat(spec.tasks().get(0).name()).isEqualTo("cifar10-valid.v2_x");
    }

    @Test
    void duplicateTaskNames() {
      rejected(s -> task(s, 1).put("name", "c10"), "$.tasks[1].name")
          .isEqualTo(SOURCE + ": $.tasks[1].name: task name \"c10\" appears twice");
    }

    @Test
    void duplicateTaskNameIsFoundAtItsSecondUse() {
      rejected(s -> s.withArray("tasks").add(task(s, 0).deepCopy()), "$.tasks[2].name")
          .isEqualTo(SOURCE + ": $.tasks[2].name: task name \"c10\" appears twice");
    }
  }

  @Nested
  class Choices {
    @Test
    void unknownStrategyKind() {
      rejected(s -> strategy(s).put("kind", "cmaes"), "$.strategy.kind")
          .isEqualTo(SOURCE + ": $.strategy.kind: strategy must be one of \"random\", \"rea\", got \"cmaes\"");
    }

    @Test
    void unknownDirection() {
      rejected(s -> task(s, 1).put("direction", "up"), "$.tasks[1].direction")
          .isEqualTo(SOURCE + ": $.tasks[1].direction: direction must be \"max\" or \"min\", got \"up\"");
    }

    @Test
    void kindAndDirectionIgnoreCase() {
      SearchSpec spec = parse(s -> {
        strategy(s).put("kind", "REA");
        task(s, 0).put("direction", "Max");
      });
      assertThat(spec.strategy().kind()).isEqualTo(StrategySpec.Kind.REA);
      assertThat(spec.tasks().get(0).direction()).isEqualTo(Direction.MAX);
    }
  }

  @Nested
  class Benchmarks {
    @Test
    void unknownBenchmark() {
      rejected(s -> task(s, 1).put("benchmark", "nb301"), "$.tasks[1].benchmark")
          .isEqualTo(SOURCE + ": $.tasks[1].benchmark: benchmark \"nb301\" is not loaded; known benchmarks: "
              + "[nb201, transnas-micro] (loaded: [nb201, transnas-micro])");
    }

    @Test
    void knownBenchmarkWhoseFileIsMissing() {
      ObjectNode spec = minimal();
      task(spec, 0).put("benchmark", "transnas-micro").put("fitness", "class_object_val_top1_final");
      String message = messageOf(() -> new SpecReader().parse(SOURCE, spec.toString(), SpecFixtureTables.nb201Only()));
      assertThat(message).isEqualTo(SOURCE + ": $.tasks[0].benchmark: benchmark \"transnas-micro\" is not loaded;"
          + " it needs " + SpecFixtureTables.DIRECTORY.resolve("transnas_micro.csv") + ", which is missing"
          + " (loaded: [nb201])");
    }

    @Test
    void unknownFitnessColumnSuggestsTheClosest() {
      rejected(s -> task(s, 0).put("fitness", "cifar10valid_val_ac_200ep"), "$.tasks[0].fitness")
          .startsWith(SOURCE + ": $.tasks[0].fitness: benchmark nb201 has no column \"cifar10valid_val_ac_200ep\"")
          .contains("; closest columns: [cifar10valid_val_acc_200ep, ")
          .endsWith(" (all " + SpecFixtureTables.NB201_COLUMNS.size() + " in docs/spec.md)");
    }

    @Test
    void hintPrefersAColumnThatExtendsTheName() {
      // NB201 has CIFAR-100 200-epoch validation accuracy only as a derived column
      rejected(s -> task(s, 1).put("fitness", "cifar100_val_acc_200ep"), "$.tasks[1].fitness")
          .contains("; closest columns: [cifar100_val_acc_200ep_derived, ");
    }

    @Test
    void fitnessColumnOfTheOtherBenchmark() {
      rejected(s -> task(s, 1).put("fitness", "class_object_val_top1_final"), "$.tasks[1].fitness")
          .startsWith(SOURCE + ": $.tasks[1].fitness: benchmark nb201 has no column \"class_object_val_top1_final\"")
          .contains("; closest columns: [");
    }

    @Test
    void textColumnsAreNotMetrics() {
      rejected(s -> task(s, 0).put("fitness", "arch_str"), "$.tasks[0].fitness")
          .startsWith(SOURCE + ": $.tasks[0].fitness: benchmark nb201 has no column \"arch_str\"");
    }

    @Test
    void hintListsThreeColumnsClosestFirst() {
      String message = messageOf(() -> parse(s -> task(s, 0).put("fitness", "cifar10_test_acc_200epx")));
      String list = message.substring(message.indexOf("closest columns: [") + 18, message.indexOf("] (all"));
      assertThat(List.of(list.split(", "))).hasSize(3).first().isEqualTo("cifar10_test_acc_200ep");
    }

    @Test
    void unknownTestColumn() {
      rejected(s -> task(s, 0).putArray("test_metrics").add("cifar10_test_acc_200ep").add("cifar10_tset_acc_200ep"),
          "$.tasks[0].test_metrics[1]")
          .startsWith(SOURCE + ": $.tasks[0].test_metrics[1]: benchmark nb201 has no column \"cifar10_tset_acc_200ep\"")
          .contains("; closest columns: [cifar10_test_acc_200ep");
    }

    @Test
    void unknownProxyColumn() {
      rejected(s -> task(s, 1).putArray("proxy_metrics").add("cifar10_freerea_synflw"), "$.tasks[1].proxy_metrics[0]")
          .startsWith(SOURCE + ": $.tasks[1].proxy_metrics[0]: benchmark nb201 has no column"
              + " \"cifar10_freerea_synflw\"")
          .contains("; closest columns: [cifar10_freerea_synflow");
    }

    @Test
    void aComputedProxyNeedsNoColumnAndIsNotAskedOfTheEvaluator() {
      SearchSpec spec = parse(s -> task(s, 1).putArray("proxy_metrics").add("cell_params").add("cifar10_params_M"));
      assertThat(spec.tasks().get(1).proxyMetrics()).containsExactly("cell_params", "cifar10_params_M");
      assertThat(spec.tasks().get(1).evaluationTask().extraMetrics()).contains("cifar10_params_M")
          .doesNotContain("cell_params");
    }

    @Test
    void aTimeBudgetSpendsTheCostColumnAndMustBePositive() {
      SearchSpec spec = parse(s -> task(s, 0).put("cost_metric", "cifar10valid_train_time_s_total_200ep")
          .put("time_budget_s", 12000));
      assertThat(spec.tasks().get(0).timeBudget()).hasValue(12000.0);
      assertThat(spec.tasks().get(1).timeBudget()).isEmpty();
      rejected(s -> task(s, 0).put("time_budget_s", 0), "$.tasks[0].time_budget_s")
          .isEqualTo(SOURCE + ": $.tasks[0].time_budget_s: must be > 0 (seconds of training), got 0");
      rejected(s -> task(s, 0).put("time_budget_s", "12000"), "$.tasks[0].time_budget_s")
          .startsWith(SOURCE + ": $.tasks[0].time_budget_s: must be a finite number");
      rejected(s -> task(s, 0).put("time_budget_s", 12000), "$.tasks[0].time_budget_s")
          .isEqualTo(SOURCE + ": $.tasks[0].time_budget_s: needs cost_metric, the column of each evaluation's"
              + " training seconds");
    }

    @Test
    void unknownCostColumn() {
      rejected(s -> task(s, 0).put("cost_metric", "cifar10valid_train_time_s_total"), "$.tasks[0].cost_metric")
          .startsWith(SOURCE + ": $.tasks[0].cost_metric: benchmark nb201 has no column"
              + " \"cifar10valid_train_time_s_total\"")
          .contains("; closest columns: [cifar10valid_train_time_s_total_200ep");
    }

    @Test
    void unreachableThreshold() {
      rejected(s -> task(s, 0).put("threshold", 90.5), "$.tasks[0].threshold")
          .isEqualTo(SOURCE + ": $.tasks[0].threshold: 90.5 is never reached: the best cifar10valid_val_acc_200ep"
              + " in nb201 is 90 (direction max)");
    }

    @Test
    void unreachableThresholdWhenMinimising() {
      rejected(s -> task(s, 1).put("fitness", "cifar10valid_val_loss_200ep").put("direction", "min")
              .put("threshold", 0.2), "$.tasks[1].threshold")
          .isEqualTo(SOURCE + ": $.tasks[1].threshold: 0.2 is never reached: the best cifar10valid_val_loss_200ep"
              + " in nb201 is 0.25 (direction min)");
    }

    @Test
    void thresholdOnTheWrongSideForTheDirection() {
      // 95 is above every value, so maximising cannot reach it; minimising reaches it at once
      rejected(s -> task(s, 0).put("threshold", 95), "$.tasks[0].threshold").contains("is never reached");
      assertThat(parse(s -> task(s, 0).put("direction", "min").put("threshold", 95)).tasks().get(0).threshold())
          .hasValue(95.0);
    }

    @Test
    void thresholdEqualToTheOptimumIsReachable() {
      SearchSpec spec = parse(s -> {
        task(s, 0).put("threshold", SpecFixtureTables.NB201_BEST_ACC);
        task(s, 1).put("fitness", "cifar10valid_val_loss_200ep").put("direction", "min")
            .put("threshold", SpecFixtureTables.NB201_BEST_LOSS);
      });
      assertThat(spec.tasks().get(0).threshold()).hasValue(SpecFixtureTables.NB201_BEST_ACC);
      assertThat(spec.tasks().get(1).threshold()).hasValue(SpecFixtureTables.NB201_BEST_LOSS);
    }

    @Test
    void thresholdOnAColumnWithGaps() {
      // cifar10_nbsz_synflow has no value for odd indices; the threshold check skips them
      assertThat(parse(s -> task(s, 0).put("fitness", "cifar10_nbsz_synflow").put("threshold", 99.0))
          .tasks().get(0).threshold()).hasValue(99.0);
      rejected(s -> task(s, 0).put("fitness", "cifar10_nbsz_synflow").put("threshold", 100.5), "$.tasks[0].threshold")
          .contains("is never reached");
    }

    @Test
    void tasksInDifferentSpaces() {
      rejected(s -> task(s, 1).put("benchmark", "transnas-micro").put("fitness", "class_scene_val_top1_final"),
          "$.tasks[1].benchmark")
          .isEqualTo(SOURCE + ": $.tasks[1].benchmark: benchmark \"transnas-micro\" is in space transnas-micro"
              + " but earlier tasks are in nb201; all tasks of a search share one space");
    }

    @Test
    void declaredSpaceMustMatchTheTasks() {
      rejected(s -> s.put("space", "transnas-micro"), "$.space")
          .isEqualTo(SOURCE + ": $.space: \"transnas-micro\" does not match the tasks' space \"nb201\"");
    }

    @Test
    void declaredSpaceThatDoesNotExist() {
      rejected(s -> s.put("space", "nb101"), "$.space")
          .isEqualTo(SOURCE + ": $.space: \"nb101\" does not match the tasks' space \"nb201\"");
    }
  }

  @Nested
  class Accepted {
    @Test
    void defaults() {
      SearchSpec spec = parse(MINIMAL);
      assertThat(spec.space()).isEqualTo("nb201");
      assertThat(spec.seed()).isEqualTo(7L);
      assertThat(spec.workers()).isEqualTo(1);
      assertThat(spec.strategy()).isEqualTo(new StrategySpec(StrategySpec.Kind.REA, 10, 5, true, 0));
      assertThat(spec.parallelismPerTask()).isEqualTo(1);
      TaskSpec c10 = spec.tasks().get(0);
      assertThat(c10).isEqualTo(new TaskSpec("c10", "nb201", "cifar10valid_val_acc_200ep", Direction.MAX,
          OptionalDouble.empty(), 100, List.of(), List.of(), Optional.empty()));
      assertThat(spec.tasks().get(1).budget()).isEqualTo(200);
    }

    @Test
    void nullOptionalsMeanDefaults() {
      SearchSpec spec = parse(s -> {
        s.putNull("workers");
        s.putNull("space");
        s.putNull("description");
        strategy(s).putNull("population_size").putNull("tournament_size").putNull("avoid_seen").putNull("parallelism");
        task(s, 0).putNull("threshold").putNull("test_metrics").putNull("proxy_metrics").putNull("cost_metric");
      });
      assertThat(spec).isEqualTo(parse(MINIMAL));
    }

    @Test
    void defaultTournamentShrinksToASmallPopulation() {
      StrategySpec s = parse(spec -> strategy(spec).put("population_size", 3)).strategy();
      assertThat(s.populationSize()).isEqualTo(3);
      assertThat(s.tournamentSize()).isEqualTo(3);
    }

    @Test
    void randomSearchGetsTheSameDefaults() {
      assertThat(parse(s -> strategy(s).put("kind", "random")).strategy())
          .isEqualTo(new StrategySpec(StrategySpec.Kind.RANDOM, 10, 5, true, 0));
    }

    @Test
    void seedMayBeNegativeOrLarge() {
      assertThat(parse(s -> s.put("seed", -3)).seed()).isEqualTo(-3L);
      assertThat(parse(s -> s.put("seed", Long.MAX_VALUE)).seed()).isEqualTo(Long.MAX_VALUE);
      assertThat(parse(s -> s.put("seed", Long.MIN_VALUE)).seed()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void everyOptionalField() {
      String text = """
          {
            "name": "full",
            "description": "every key",
            "space": "nb201",
            "seed": 42,
            "workers": 4,
            "strategy": {"kind": "random", "population_size": 20, "tournament_size": 7,
                         "avoid_seen": false, "parallelism": 2},
            "tasks": [
              {"name": "c10", "benchmark": "nb201", "fitness": "cifar10valid_val_acc_200ep",
               "direction": "max", "threshold": 89.5, "budget": 500,
               "test_metrics": ["cifar10_test_acc_200ep"],
               "proxy_metrics": ["cifar10_freerea_synflow", "cifar10_params_M"],
               "cost_metric": "cifar10valid_train_time_s_total_200ep"},
              {"name": "loss", "benchmark": "nb201", "fitness": "cifar10valid_val_loss_200ep",
               "direction": "min", "threshold": 0.3, "budget": 15625,
               "test_metrics": [], "proxy_metrics": []}
            ]
          }
          """;
      SearchSpec expected = new SearchSpec("full", "nb201", 42, 4,
          new StrategySpec(StrategySpec.Kind.RANDOM, 20, 7, false, 2),
          List.of(
              new TaskSpec("c10", "nb201", "cifar10valid_val_acc_200ep", Direction.MAX, OptionalDouble.of(89.5), 500,
                  List.of("cifar10_test_acc_200ep"), List.of("cifar10_freerea_synflow", "cifar10_params_M"),
                  Optional.of("cifar10valid_train_time_s_total_200ep")),
              new TaskSpec("loss", "nb201", "cifar10valid_val_loss_200ep", Direction.MIN, OptionalDouble.of(0.3),
                  15625, List.of(), List.of(), Optional.empty())));
      SearchSpec spec = parse(text);
      assertThat(spec).isEqualTo(expected);
      assertThat(spec.parallelismPerTask()).isEqualTo(2);
    }

    @Test
    void transNasSpecGetsItsSpace() {
      SearchSpec spec = parse(s -> {
        for (int i = 0; i < 2; i++) {
          task(s, i).put("benchmark", "transnas-micro").put("budget", 50);
        }
        task(s, 0).put("fitness", "class_object_val_top1_final");
        task(s, 1).put("fitness", "room_layout_val_neg_l2loss_final").put("threshold", -0.7);
      });
      assertThat(spec.space()).isEqualTo("transnas-micro");
      assertThat(spec.tasks().get(1).threshold()).hasValue(-0.7);
    }

    @Test
    void emptyDescriptionIsAllowed() {
      assertThat(parse(s -> s.put("description", "")).name()).isEqualTo("fixture-2task");
    }

    @Test
    void keyOrderDoesNotMatter() {
      String reordered = """
          {"tasks": [
             {"budget": 100, "direction": "max", "fitness": "cifar10valid_val_acc_200ep", "benchmark": "nb201",
              "name": "c10"},
             {"budget": 200, "direction": "max", "fitness": "cifar100_val_acc_200ep_derived", "benchmark": "nb201",
              "name": "c100"}],
           "strategy": {"kind": "rea"}, "seed": 7, "name": "fixture-2task"}
          """;
      assertThat(parse(reordered)).isEqualTo(parse(MINIMAL));
    }
  }

  /** Adds proxy metrics to both tasks of the minimal spec, as zero_cost requires. */
  private static void withProxies(ObjectNode spec) {
    task(spec, 0).putArray("proxy_metrics").add("cifar10_freerea_synflow").add("cifar10_params_M");
    task(spec, 1).putArray("proxy_metrics").add("cifar10_nbsz_synflow");
  }

  private static ObjectNode transfer(ObjectNode spec) {
    return strategy(spec).putObject("transfer");
  }

  @Nested
  class GuidedStrategy {
    @Test
    void defaultsAreUnguided() {
      StrategySpec s = parse(MINIMAL).strategy();
      assertThat(s.embedding()).isEqualTo(StrategySpec.DEFAULT_EMBEDDING).isEqualTo("wl");
      assertThat(s.guidance()).isEqualTo(GuidanceSpec.none())
          .isEqualTo(new GuidanceSpec(1, 0, false, false, true, false));
      assertThat(s.guidance().guided()).isFalse();
      assertThat(s.transfer()).isEqualTo(TransferSpec.none())
          .isEqualTo(new TransferSpec(TransferSpec.Mode.NONE, 4, 0.2, 5));
    }

    @Test
    void nullsMeanDefaults() {
      SearchSpec spec = parse(s -> strategy(s).putNull("embedding").putNull("candidates").putNull("samples")
          .putNull("incumbent_neighbours").putNull("predictor").putNull("predictor_other_tasks")
          .putNull("zero_cost").putNull("transfer"));
      assertThat(spec).isEqualTo(parse(MINIMAL));
    }

    @Test
    void explicitDefaultsEqualTheMinimalSpec() {
      SearchSpec spec = parse(s -> strategy(s).put("embedding", "wl").put("candidates", 1).put("samples", 0)
          .put("incumbent_neighbours", false).put("predictor", false).put("predictor_other_tasks", true)
          .put("zero_cost", false));
      assertThat(spec).isEqualTo(parse(MINIMAL));
    }

    @ParameterizedTest
    @ValueSource(strings = {"wl", "path", "node2vec", "onehot", "live-onehot"})
    void everyEmbedding(String id) {
      assertThat(Embedders.IDS).contains(id);
      assertThat(parse(s -> strategy(s).put("embedding", id)).strategy().embedding()).isEqualTo(id);
    }

    @Test
    void embeddingIgnoresCase() {
      assertThat(parse(s -> strategy(s).put("embedding", "Node2Vec")).strategy().embedding()).isEqualTo("node2vec");
    }

    @Test
    void unknownEmbedding() {
      rejected(s -> strategy(s).put("embedding", "graph2vec"), "$.strategy.embedding")
          .isEqualTo(SOURCE + ": $.strategy.embedding: embedding must be one of \"wl\", \"path\", \"node2vec\","
              + " \"onehot\", \"live-onehot\", got \"graph2vec\"");
    }

    @Test
    void embeddingOfTheWrongType() {
      rejected(s -> strategy(s).put("embedding", 3), "$.strategy.embedding")
          .isEqualTo(SOURCE + ": $.strategy.embedding: must be a non-empty string, got 3");
      rejected(s -> strategy(s).put("embedding", ""), "$.strategy.embedding")
          .isEqualTo(SOURCE + ": $.strategy.embedding: must be a non-empty string, got \"\"");
      rejected(s -> strategy(s).putArray("embedding").add("wl"), "$.strategy.embedding")
          .isEqualTo(SOURCE + ": $.strategy.embedding: must be a non-empty string, got an array");
    }

    @Test
    void predictorModelChoosesTheRegressor() {
      GuidanceSpec g = parse(s -> strategy(s).put("candidates", 20).put("predictor", true)
          .put("predictor_model", "gp")).strategy().guidance();
      assertThat(g).isEqualTo(new GuidanceSpec(20, 0, false, true, true, false, GuidanceSpec.Model.GP));
      assertThat(parse(s -> strategy(s).put("candidates", 20).put("predictor", true)).strategy().guidance().model().id())
          .isEqualTo("xgboost");
    }

    @Test
    void gpSettingsOverrideTheDefaultsOneByOne() {
      GuidanceSpec g = parse(s -> {
        ObjectNode st = strategy(s).put("candidates", 20).put("predictor", true).put("predictor_model", "gp");
        st.putObject("gp").put("noise", 0.25).put("task_correlation", 0).put("scoring", "mean");
      }).strategy().guidance();
      GaussianProcessRegressor.Settings d = GaussianProcessRegressor.Settings.defaults();
      assertThat(g.gp()).isEqualTo(new GaussianProcessRegressor.Settings(d.lengthScale(), 0.25, 0, d.maxRows(),
          GaussianProcessRegressor.Scoring.MEAN));
    }

    @Test
    void badGpSettingsNameTheirPath() {
      Consumer<ObjectNode> gp = s -> strategy(s).put("candidates", 20).put("predictor", true).put("predictor_model", "gp");
      rejected(s -> { gp.accept(s); strategy(s).putObject("gp").put("noise", 0); }, "$.strategy.gp.noise")
          .isEqualTo(SOURCE + ": $.strategy.gp.noise: must be a number > 0, got 0.0");
      rejected(s -> { gp.accept(s); strategy(s).putObject("gp").put("task_correlation", 1.5); },
          "$.strategy.gp.task_correlation")
          .isEqualTo(SOURCE + ": $.strategy.gp.task_correlation: must be a number in [0, 1], got 1.5");
      rejected(s -> { gp.accept(s); strategy(s).putObject("gp").put("scoring", "ucb"); }, "$.strategy.gp.scoring")
          .isEqualTo(SOURCE + ": $.strategy.gp.scoring: must be one of [expected_improvement, mean], got \"ucb\"");
      rejected(s -> { gp.accept(s); strategy(s).putObject("gp").put("length", 2); }, "$.strategy.gp.length")
          .startsWith(SOURCE + ": $.strategy.gp.length: unknown key");
      rejected(s -> { strategy(s).put("candidates", 20).put("predictor", true).putObject("gp").put("noise", 1); },
          "$.strategy.gp")
          .isEqualTo(SOURCE + ": $.strategy.gp: sets the Gaussian process, but predictor_model is \"xgboost\":"
              + " set predictor_model to \"gp\" or drop gp");
    }

    @Test
    void unknownPredictorModel() {
      rejected(s -> strategy(s).put("candidates", 20).put("predictor", true).put("predictor_model", "svm"),
          "$.strategy.predictor_model")
          .isEqualTo(SOURCE + ": $.strategy.predictor_model: must be one of [xgboost, gp], got \"svm\"");
    }

    @Test
    void predictorRanksAPoolOfCandidates() {
      GuidanceSpec g = parse(s -> strategy(s).put("candidates", 20).put("predictor", true)).strategy().guidance();
      assertThat(g).isEqualTo(new GuidanceSpec(20, 0, false, true, true, false));
      assertThat(g.guided()).isTrue();
    }

    @Test
    void predictorRanksAPoolOfSamplesAlone() {
      GuidanceSpec g = parse(s -> strategy(s).put("samples", 1).put("predictor", true)).strategy().guidance();
      assertThat(g).isEqualTo(new GuidanceSpec(1, 1, false, true, true, false));
      assertThat(g.guided()).isTrue();
    }

    @Test
    void predictorOnTheTargetsResultsOnly() {
      GuidanceSpec g = parse(s -> strategy(s).put("candidates", 2).put("predictor", true)
          .put("predictor_other_tasks", false)).strategy().guidance();
      assertThat(g.predictorOtherTasks()).isFalse();
    }

    @Test
    void predictorOtherTasksWithoutAPredictorIsAccepted() {
      // ignored by the search, like population settings of random search; the default is true
      assertThat(parse(s -> strategy(s).put("predictor_other_tasks", false)).strategy().guidance())
          .isEqualTo(new GuidanceSpec(1, 0, false, false, false, false));
    }

    @Test
    void zeroCostRanksAPool() {
      GuidanceSpec g = parse(s -> {
        withProxies(s);
        strategy(s).put("candidates", 20).put("samples", 100).put("zero_cost", true)
            .put("incumbent_neighbours", true);
      }).strategy().guidance();
      assertThat(g).isEqualTo(new GuidanceSpec(20, 100, true, false, true, true));
    }

    @Test
    void largestCandidatesAndSamples() {
      GuidanceSpec g = parse(s -> strategy(s).put("candidates", Integer.MAX_VALUE)
          .put("samples", Integer.MAX_VALUE).put("predictor", true)).strategy().guidance();
      assertThat(g.candidates()).isEqualTo(Integer.MAX_VALUE);
      assertThat(g.samples()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void theKtnasPresetWrittenOut() {
      SearchSpec spec = parse(s -> {
        withProxies(s);
        strategy(s).put("embedding", "wl").put("candidates", 20).put("samples", 100)
            .put("incumbent_neighbours", true).put("predictor", true).put("predictor_other_tasks", true)
            .put("zero_cost", true);
        transfer(s).put("mode", "rank").put("count", 4).put("elite_ratio", 0.2).put("negative_window", 5);
      });
      assertThat(spec.strategy()).isEqualTo(StrategyPresets.apply("ktnas", parse(MINIMAL).strategy()));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void candidatesBelowOne(int candidates) {
      rejected(s -> strategy(s).put("candidates", candidates).put("predictor", true), "$.strategy.candidates")
          .isEqualTo(SOURCE + ": $.strategy.candidates: must be an integer >= 1, got " + candidates);
    }

    @Test
    void candidatesOfTheWrongType() {
      rejected(s -> strategy(s).put("candidates", 2.5), "$.strategy.candidates")
          .isEqualTo(SOURCE + ": $.strategy.candidates: must be an integer, got 2.5");
      rejected(s -> strategy(s).put("candidates", "20"), "$.strategy.candidates")
          .isEqualTo(SOURCE + ": $.strategy.candidates: must be an integer, got \"20\"");
      rejected(s -> strategy(s).put("candidates", true), "$.strategy.candidates")
          .isEqualTo(SOURCE + ": $.strategy.candidates: must be an integer, got true");
      rejected(s -> strategy(s).put("candidates", 3_000_000_000L), "$.strategy.candidates")
          .isEqualTo(SOURCE + ": $.strategy.candidates: must be an integer in 1.." + Integer.MAX_VALUE
              + ", got 3000000000");
    }

    @Test
    void negativeSamples() {
      rejected(s -> strategy(s).put("samples", -1).put("predictor", true), "$.strategy.samples")
          .isEqualTo(SOURCE + ": $.strategy.samples: must be an integer >= 0, got -1");
    }

    @Test
    void samplesOfTheWrongType() {
      rejected(s -> strategy(s).put("samples", 1.5), "$.strategy.samples")
          .isEqualTo(SOURCE + ": $.strategy.samples: must be an integer, got 1.5");
      rejected(s -> strategy(s).put("samples", "100"), "$.strategy.samples")
          .isEqualTo(SOURCE + ": $.strategy.samples: must be an integer, got \"100\"");
      rejected(s -> strategy(s).put("samples", false), "$.strategy.samples")
          .isEqualTo(SOURCE + ": $.strategy.samples: must be an integer, got false");
    }

    @ParameterizedTest
    @ValueSource(strings = {"incumbent_neighbours", "predictor", "predictor_other_tasks", "zero_cost"})
    void flagsMustBeBooleans(String key) {
      rejected(s -> strategy(s).put(key, "true"), "$.strategy." + key)
          .isEqualTo(SOURCE + ": $.strategy." + key + ": must be true or false, got \"true\"");
      rejected(s -> strategy(s).put(key, 1), "$.strategy." + key)
          .isEqualTo(SOURCE + ": $.strategy." + key + ": must be true or false, got 1");
    }

    @Test
    void predictorWithoutAPool() {
      rejected(s -> strategy(s).put("predictor", true), "$.strategy.predictor")
          .isEqualTo(SOURCE + ": $.strategy.predictor: true needs a pool of candidates to rank: set candidates >= 2"
              + " or samples >= 1 (with candidates 1 and samples 0 every evaluation takes the strategy's own pick)");
      rejected(s -> strategy(s).put("predictor", true).put("candidates", 1).put("samples", 0)
          .put("incumbent_neighbours", true), "$.strategy.predictor").contains("needs a pool of candidates");
    }

    @Test
    void zeroCostWithoutAPool() {
      rejected(s -> {
        withProxies(s);
        strategy(s).put("zero_cost", true);
      }, "$.strategy.zero_cost")
          .isEqualTo(SOURCE + ": $.strategy.zero_cost: true needs a pool of candidates to rank: set candidates >= 2"
              + " or samples >= 1 (with candidates 1 and samples 0 every evaluation takes the strategy's own pick)");
    }

    @Test
    void bothRankersWithoutAPoolNameThePredictor() {
      rejected(s -> {
        withProxies(s);
        strategy(s).put("zero_cost", true).put("predictor", true);
      }, "$.strategy.predictor").contains("needs a pool of candidates");
    }

    @Test
    void candidatesWithNothingToRankThem() {
      rejected(s -> strategy(s).put("candidates", 20), "$.strategy.candidates")
          .isEqualTo(SOURCE + ": $.strategy.candidates: got 20, but nothing ranks the pool: set predictor or"
              + " zero_cost to true, or candidates to 1");
      rejected(s -> strategy(s).put("candidates", 2).put("samples", 5), "$.strategy.candidates")
          .contains("set predictor or zero_cost to true");
    }

    @Test
    void samplesWithNothingToRankThem() {
      rejected(s -> strategy(s).put("samples", 1), "$.strategy.samples")
          .isEqualTo(SOURCE + ": $.strategy.samples: got 1, but nothing ranks the pool: set predictor or"
              + " zero_cost to true, or samples to 0");
    }

    @Test
    void incumbentNeighboursWithNothingToRankThem() {
      rejected(s -> strategy(s).put("incumbent_neighbours", true), "$.strategy.incumbent_neighbours")
          .isEqualTo(SOURCE + ": $.strategy.incumbent_neighbours: true adds to the candidate pool, but nothing"
              + " ranks the pool: set predictor or zero_cost to true (with candidates >= 2 or samples >= 1),"
              + " or incumbent_neighbours to false");
    }

    @Test
    void zeroCostNeedsProxiesOnEveryTask() {
      rejected(s -> {
        task(s, 0).putArray("proxy_metrics").add("cifar10_freerea_synflow");
        strategy(s).put("candidates", 20).put("zero_cost", true);
      }, "$.tasks[1].proxy_metrics")
          .isEqualTo(SOURCE + ": $.tasks[1].proxy_metrics: task \"c100\" lists no proxy metric, but"
              + " $.strategy.zero_cost is true: zero-cost ranking and screening use each task's first"
              + " proxy_metrics column; name at least one, or set zero_cost to false");
    }

    @Test
    void zeroCostRejectsAnEmptyProxyList() {
      rejected(s -> {
        withProxies(s);
        task(s, 0).putArray("proxy_metrics");
        strategy(s).put("samples", 10).put("zero_cost", true).put("predictor", true);
      }, "$.tasks[0].proxy_metrics").contains("task \"c10\" lists no proxy metric");
    }

    @Test
    void proxiesAreOptionalWithoutZeroCost() {
      assertThat(parse(s -> strategy(s).put("candidates", 20).put("predictor", true)).tasks())
          .allSatisfy(t -> assertThat(t.proxyMetrics()).isEmpty());
    }
  }

  @Nested
  class Transfer {
    @ParameterizedTest
    @ValueSource(strings = {"none", "random", "rank", "RANK", "Random"})
    void everyMode(String mode) {
      TransferSpec t = parse(s -> transfer(s).put("mode", mode)).strategy().transfer();
      assertThat(t).isEqualTo(TransferSpec.none().withMode(TransferSpec.Mode.parse(mode)));
      assertThat(t.mode().id()).isEqualTo(mode.toLowerCase(java.util.Locale.ROOT));
    }

    @Test
    void emptyObjectMeansDefaults() {
      assertThat(parse(s -> transfer(s)).strategy().transfer()).isEqualTo(TransferSpec.none());
      assertThat(parse(s -> transfer(s).putNull("mode").putNull("count").putNull("elite_ratio")
          .putNull("negative_window")).strategy().transfer()).isEqualTo(TransferSpec.none());
    }

    @Test
    void everySetting() {
      assertThat(parse(s -> transfer(s).put("mode", "rank").put("count", 1).put("elite_ratio", 1)
          .put("negative_window", 1)).strategy().transfer())
          .isEqualTo(new TransferSpec(TransferSpec.Mode.RANK, 1, 1.0, 1));
      assertThat(parse(s -> transfer(s).put("mode", "random").put("count", 10).put("elite_ratio", 0.05)
          .put("negative_window", 100)).strategy().transfer())
          .isEqualTo(new TransferSpec(TransferSpec.Mode.RANDOM, 10, 0.05, 100));
    }

    @Test
    void settingsAreKeptWhenTransferIsOff() {
      // presets such as rank switch the mode on and keep n, r and m
      assertThat(parse(s -> transfer(s).put("count", 2).put("elite_ratio", 0.5)).strategy().transfer())
          .isEqualTo(new TransferSpec(TransferSpec.Mode.NONE, 2, 0.5, 5));
    }

    @Test
    void transferMustBeAnObject() {
      rejected(s -> strategy(s).put("transfer", "rank"), "$.strategy.transfer")
          .isEqualTo(SOURCE + ": $.strategy.transfer: must be an object, got \"rank\"");
      rejected(s -> strategy(s).putArray("transfer").add("rank"), "$.strategy.transfer")
          .isEqualTo(SOURCE + ": $.strategy.transfer: must be an object, got an array");
      rejected(s -> strategy(s).put("transfer", 4), "$.strategy.transfer")
          .isEqualTo(SOURCE + ": $.strategy.transfer: must be an object, got 4");
    }

    @Test
    void unknownKeyInTransfer() {
      rejected(s -> transfer(s).put("mode", "rank").put("ratio", 0.2), "$.strategy.transfer.ratio")
          .isEqualTo(SOURCE + ": $.strategy.transfer.ratio: unknown key; known keys here: "
              + "[count, elite_ratio, mode, negative_window]");
    }

    @Test
    void unknownMode() {
      rejected(s -> transfer(s).put("mode", "best"), "$.strategy.transfer.mode")
          .isEqualTo(SOURCE + ": $.strategy.transfer.mode: transfer mode must be one of \"none\", \"random\","
              + " \"rank\", got \"best\"");
    }

    @Test
    void modeOfTheWrongType() {
      rejected(s -> transfer(s).put("mode", 1), "$.strategy.transfer.mode")
          .isEqualTo(SOURCE + ": $.strategy.transfer.mode: must be a non-empty string, got 1");
      rejected(s -> transfer(s).put("mode", true), "$.strategy.transfer.mode")
          .isEqualTo(SOURCE + ": $.strategy.transfer.mode: must be a non-empty string, got true");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -3})
    void countBelowOne(int count) {
      rejected(s -> transfer(s).put("count", count), "$.strategy.transfer.count")
          .isEqualTo(SOURCE + ": $.strategy.transfer.count: must be an integer >= 1, got " + count);
    }

    @Test
    void countOfTheWrongType() {
      rejected(s -> transfer(s).put("count", 1.5), "$.strategy.transfer.count")
          .isEqualTo(SOURCE + ": $.strategy.transfer.count: must be an integer, got 1.5");
      rejected(s -> transfer(s).put("count", "4"), "$.strategy.transfer.count")
          .isEqualTo(SOURCE + ": $.strategy.transfer.count: must be an integer, got \"4\"");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.2, 1.0000001, 5})
    void eliteRatioOutsideTheUnitInterval(double ratio) {
      rejected(s -> transfer(s).put("elite_ratio", ratio), "$.strategy.transfer.elite_ratio")
          .isEqualTo(SOURCE + ": $.strategy.transfer.elite_ratio: must be a number in (0, 1], got " + ratio);
    }

    @Test
    void eliteRatioOfTheWrongType() {
      rejected(s -> transfer(s).put("elite_ratio", "0.2"), "$.strategy.transfer.elite_ratio")
          .isEqualTo(SOURCE + ": $.strategy.transfer.elite_ratio: must be a number in (0, 1], got \"0.2\"");
      rejected(s -> transfer(s).put("elite_ratio", true), "$.strategy.transfer.elite_ratio")
          .isEqualTo(SOURCE + ": $.strategy.transfer.elite_ratio: must be a number in (0, 1], got true");
      rejected(s -> transfer(s).put("elite_ratio", 0), "$.strategy.transfer.elite_ratio")
          .isEqualTo(SOURCE + ": $.strategy.transfer.elite_ratio: must be a number in (0, 1], got 0");
    }

    @Test
    void eliteRatioTooSmallForADouble() {
      String text = MINIMAL.replace("{\"kind\": \"rea\"}", "{\"kind\": \"rea\", \"transfer\": {\"elite_ratio\": 1e-999}}");
      rejectedText(text).startsWith(SOURCE + ": $.strategy.transfer.elite_ratio: must be a number in (0, 1], got ");
    }

    @Test
    void negativeWindowBelowOne() {
      rejected(s -> transfer(s).put("negative_window", 0), "$.strategy.transfer.negative_window")
          .isEqualTo(SOURCE + ": $.strategy.transfer.negative_window: must be an integer >= 1, got 0");
      rejected(s -> transfer(s).put("negative_window", 2.5), "$.strategy.transfer.negative_window")
          .isEqualTo(SOURCE + ": $.strategy.transfer.negative_window: must be an integer, got 2.5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"random", "rank"})
    void transferNeedsTwoTasks(String mode) {
      rejected(s -> {
        s.withArray("tasks").remove(1);
        transfer(s).put("mode", mode);
      }, "$.strategy.transfer.mode")
          .isEqualTo(SOURCE + ": $.strategy.transfer.mode: \"" + mode + "\" transfer needs at least two tasks"
              + " to transfer between, the spec has 1; set mode to \"none\"");
    }

    @Test
    void noTransferOnOneTaskIsFine() {
      assertThat(parse(s -> {
        s.withArray("tasks").remove(1);
        transfer(s).put("mode", "none");
      }).tasks()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"random", "rank"})
    void transferNeedsRegularizedEvolution(String mode) {
      rejected(s -> {
        strategy(s).put("kind", "random");
        transfer(s).put("mode", mode);
      }, "$.strategy.transfer.mode")
          .isEqualTo(SOURCE + ": $.strategy.transfer.mode: \"" + mode + "\" transfer needs kind \"rea\":"
              + " transferred architectures join the target's population and are labelled by the children they"
              + " breed there, got kind \"random\"");
    }

    @Test
    void randomSearchWithTransferOffIsFine() {
      assertThat(parse(s -> {
        strategy(s).put("kind", "random");
        transfer(s).put("mode", "none").put("count", 7);
      }).strategy().transfer()).isEqualTo(new TransferSpec(TransferSpec.Mode.NONE, 7, 0.2, 5));
    }

    @Test
    void transferOnThreeTasks() {
      SearchSpec spec = parse(s -> {
        ObjectNode third = task(s, 0).deepCopy().put("name", "c10-test").put("fitness", "cifar10_test_acc_200ep");
        s.withArray("tasks").add(third);
        transfer(s).put("mode", "rank");
      });
      assertThat(spec.tasks()).hasSize(3);
      assertThat(spec.strategy().transfer().enabled()).isTrue();
    }
  }

  @Nested
  class FromFiles {
    @TempDir Path dir;

    @Test
    void readNamesTheFileInErrors() throws IOException {
      Path file = dir.resolve("broken.json");
      Files.writeString(file, MINIMAL.replace("\"budget\": 200", "\"budget\": 0"), StandardCharsets.UTF_8);
      assertThatThrownBy(() -> new SpecReader().read(file, TABLES))
          .isInstanceOf(SpecException.class)
          .hasMessageStartingWith(file + ": $.tasks[1].budget: must be in 1..15625");
    }

    @Test
    void readsAValidFile() throws IOException {
      Path file = dir.resolve("ok.json");
      Files.writeString(file, MINIMAL, StandardCharsets.UTF_8);
      assertThat(new SpecReader().read(file, TABLES)).isEqualTo(parse(MINIMAL));
    }

    @Test
    void missingFileSaysItDoesNotExist() {
      Path file = dir.resolve("absent.json");
      assertThatThrownBy(() -> new SpecReader().read(file, TABLES))
          .isInstanceOf(SpecException.class)
          .hasMessage(file + ": the spec file does not exist");
    }

    @Test
    void missingRelativeFileAlsoSaysWhereItLooked() {
      Path file = Path.of("no-such-dir", "absent.json");
      assertThatThrownBy(() -> new SpecReader().read(file, TABLES))
          .isInstanceOf(SpecException.class)
          .hasMessage(file + ": the spec file does not exist (looked for " + file.toAbsolutePath() + ")");
    }

    @Test
    void directorySaysItIsNotASpecFile() {
      assertThatThrownBy(() -> new SpecReader().read(dir, TABLES))
          .isInstanceOf(SpecException.class)
          .hasMessage(dir + ": is a directory, not a spec file");
    }

    @Test
    void unreadableFileSaysPermissionDenied() throws IOException {
      Path file = dir.resolve("secret.json");
      Files.writeString(file, MINIMAL, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
      try {
        // root reads any file whatever its mode; only there does this test not apply
        assumeFalse(Files.isReadable(file), "running as root: a mode-000 file is still readable");
        assertThatThrownBy(() -> new SpecReader().read(file, TABLES))
            .isInstanceOf(SpecException.class)
            .hasMessage(file + ": the spec file cannot be read: permission denied");
      } finally {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      }
    }

    @Test
    void permissionDeniedMessageEvenAsRoot() {
      // the mapping the test above checks end to end, for machines where it cannot run
      Path file = Path.of("secret.json");
      assertThat(SpecReader.cannotRead(file, new AccessDeniedException(file.toString())))
          .hasMessage("secret.json: the spec file cannot be read: permission denied");
    }

    @Test
    void latin1FileNamesTheOffsetOfTheFirstInvalidByte() throws IOException {
      Path file = dir.resolve("latin1.json");
      String text = MINIMAL.replace("fixture-2task", "caf\u00e9");
      Files.write(file, text.getBytes(StandardCharsets.ISO_8859_1)); // one byte per char
      int offset = text.indexOf('\u00e9');
      long line = text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
      assertThat(offset).isPositive();
      assertThatThrownBy(() -> new SpecReader().read(file, TABLES))
          .isInstanceOf(SpecException.class)
          .hasMessage(file + ": byte 0xE9 at byte offset " + offset + " (line " + line + ") is not valid UTF-8;"
              + " the spec must be UTF-8 (a Latin-1 file converts with: iconv -f latin1 -t utf-8)");
    }

    @Test
    void invalidUtf8OffsetsCountBytesNotCharacters() {
      // "é" (2 bytes) and "€" (3 bytes) are valid; then a lone continuation byte, then a cut-off sequence
      byte[] valid = "{\"a\": \"\u00e9\u20ac".getBytes(StandardCharsets.UTF_8);
      assertThat(valid).hasSize(12);
      byte[] loneContinuation = java.util.Arrays.copyOf(valid, 13);
      loneContinuation[12] = (byte) 0x80;
      assertThat(messageOf(() -> SpecReader.decodeUtf8("x.json", loneContinuation)))
          .startsWith("x.json: byte 0x80 at byte offset 12 (line 1) is not valid UTF-8;");
      byte[] cutOff = java.util.Arrays.copyOf(valid, 14);
      cutOff[12] = '\n';
      cutOff[13] = (byte) 0xE2; // the first of three bytes, then the end of the file
      assertThat(messageOf(() -> SpecReader.decodeUtf8("x.json", cutOff)))
          .startsWith("x.json: byte 0xE2 at byte offset 13 (line 2) is not valid UTF-8;");
      assertThat(SpecReader.decodeUtf8("x.json", valid)).isEqualTo("{\"a\": \"\u00e9\u20ac");
    }

    @Test
    void utf8FileWithAccentsReads() throws IOException {
      Path file = dir.resolve("utf8.json");
      String text = MINIMAL.replaceFirst("\\{", "{\"description\": \"caf\u00e9 \u2013 na\u00efve\",");
      Files.writeString(file, text, StandardCharsets.UTF_8);
      assertThat(new SpecReader().read(file, TABLES)).isEqualTo(parse(MINIMAL));
    }
  }
}
