package io.mtnas.adapter.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What SpecWriter writes, SpecReader reads back to an equal spec (records compare by value). */
class SpecRoundTripTest {
  private static final BenchmarkTables TABLES = SpecFixtureTables.both();

  private static SearchSpec roundTrip(SearchSpec spec) {
    return new SpecReader().parse("written.json", SpecWriter.toJson(spec), TABLES);
  }

  private static TaskSpec task(String name, String fitness, int budget) {
    return new TaskSpec(name, "nb201", fitness, Direction.MAX, OptionalDouble.empty(), budget,
        List.of(), List.of(), Optional.empty());
  }

  static Stream<SearchSpec> specs() {
    return Stream.of(
        // only what a spec must say, defaults everywhere else
        new SearchSpec("minimal", "nb201", 1, 1, new StrategySpec(StrategySpec.Kind.REA, 10, 5, true, 0),
            List.of(task("c10", "cifar10valid_val_acc_200ep", 100))),
        // every optional field set, on several tasks
        new SearchSpec("full", "nb201", -42, 8, new StrategySpec(StrategySpec.Kind.REA, 25, 25, false, 3),
            List.of(
                new TaskSpec("c10", "nb201", "cifar10valid_val_acc_200ep", Direction.MAX,
                    OptionalDouble.of(89.99999999999999), 15625,
                    List.of("cifar10_test_acc_200ep", "cifar100_test_acc_200ep"),
                    List.of("cifar10_freerea_synflow", "cifar10_nbsz_synflow", "cifar10_params_M"),
                    Optional.of("cifar10valid_train_time_s_total_200ep")).withTimeBudget(OptionalDouble.of(12_000.5)),
                new TaskSpec("loss", "nb201", "cifar10valid_val_loss_200ep", Direction.MIN,
                    OptionalDouble.of(0.1 + 0.2), 1, List.of("cifar10_test_acc_200ep"), List.of(),
                    Optional.empty()),
                new TaskSpec("c100", "nb201", "cifar100_val_acc_200ep_derived", Direction.MAX,
                    OptionalDouble.empty(), 777, List.of(), List.of("cifar10_params_M"),
                    Optional.of("cifar10valid_train_time_s_total_200ep")))),
        // random search with the smallest population; extreme seeds
        new SearchSpec("random.min-seed", "nb201", Long.MIN_VALUE, 1, StrategySpec.random(),
            List.of(task("a", "cifar10_test_acc_200ep", 1), task("b", "cifar100_test_acc_200ep", 2))),
        new SearchSpec("max_seed", "nb201", Long.MAX_VALUE, SearchSpec.MAX_WORKERS,
            new StrategySpec(StrategySpec.Kind.RANDOM, Integer.MAX_VALUE, 1, true, Integer.MAX_VALUE),
            List.of(task("a", "cifar10_test_acc_200ep", 15625))),
        // TransNAS, negative threshold
        new SearchSpec("transnas", "transnas-micro", 3, 2, StrategySpec.rea(10, 5),
            List.of(
                new TaskSpec("class_object", "transnas-micro", "class_object_val_top1_final", Direction.MAX,
                    OptionalDouble.of(SpecFixtureTables.TRANSNAS_BEST_TOP1), 50, List.of(), List.of(),
                    Optional.empty()),
                new TaskSpec("room_layout", "transnas-micro", "room_layout_val_neg_l2loss_final", Direction.MAX,
                    OptionalDouble.of(-0.75), 4096, List.of("class_scene_val_top1_final"), List.of(),
                    Optional.empty()))),
        // the ktnas preset: pool, samples, neighbours, predictor, zero-cost, transfer rank
        new SearchSpec("ktnas", "nb201", 1, 1, StrategyPresets.apply("ktnas", StrategySpec.rea(10, 5)),
            List.of(proxied("c10", "cifar10valid_val_acc_200ep"), proxied("c100", "cifar100_val_acc_200ep_derived"))),
        // the ktnas-gp preset with every Gaussian-process setting off its default
        new SearchSpec("ktnas-gp", "nb201", 4, 1, StrategyPresets.apply("ktnas-gp", StrategySpec.rea(10, 5)
            .withGuidance(GuidanceSpec.none().withGp(new GaussianProcessRegressor.Settings(0.75, 1.25, 0.3, 99,
                GaussianProcessRegressor.Scoring.MEAN)))),
            List.of(task("a", "cifar10_test_acc_200ep", 10), task("b", "cifar100_test_acc_200ep", 20))),
        // random transfer with uncommon settings, a node2vec predictor on samples alone
        new SearchSpec("transfer-random", "nb201", 2, 3,
            new StrategySpec(StrategySpec.Kind.REA, 7, 3, true, 2, "node2vec",
                new GuidanceSpec(1, 9, true, true, false, false),
                new TransferSpec(TransferSpec.Mode.RANDOM, 1, 1.0, 1)),
            List.of(task("a", "cifar10_test_acc_200ep", 10), task("b", "cifar100_test_acc_200ep", 20))),
        // transfer off but its settings kept, zero-cost ranking without a predictor
        new SearchSpec("zc-only", "nb201", 3, 1,
            new StrategySpec(StrategySpec.Kind.RANDOM, 10, 5, true, 0, "onehot",
                new GuidanceSpec(Integer.MAX_VALUE, 0, false, false, true, true),
                new TransferSpec(TransferSpec.Mode.NONE, 9, 0.123456789, 42)),
            List.of(proxied("c10", "cifar10valid_val_acc_200ep"))));
  }

  private static TaskSpec proxied(String name, String fitness) {
    return new TaskSpec(name, "nb201", fitness, Direction.MAX, OptionalDouble.empty(), 100, List.of(),
        List.of("cifar10_freerea_synflow", "cifar10_params_M"), Optional.empty());
  }

  @ParameterizedTest
  @MethodSource("specs")
  void readsBackEqual(SearchSpec spec) {
    assertThat(roundTrip(spec)).isEqualTo(spec);
  }

  @ParameterizedTest
  @MethodSource("specs")
  void writingIsStable(SearchSpec spec) {
    String once = SpecWriter.toJson(spec);
    assertThat(SpecWriter.toJson(roundTrip(spec))).isEqualTo(once);
  }

  @Test
  void writerSpellsOutEveryDefault() throws Exception {
    String minimal = """
        {"name": "m", "seed": 5, "strategy": {"kind": "rea"},
         "tasks": [{"name": "t", "benchmark": "nb201", "fitness": "cifar10valid_val_acc_200ep",
                    "direction": "max", "budget": 10}]}
        """;
    SearchSpec spec = new SpecReader().parse("m.json", minimal, TABLES);
    JsonNode written = new ObjectMapper().readTree(SpecWriter.toJson(spec));
    assertThat(written.get("space").asText()).isEqualTo("nb201");
    assertThat(written.get("workers").asInt()).isEqualTo(1);
    JsonNode strategy = written.get("strategy");
    assertThat(strategy.get("kind").asText()).isEqualTo("rea");
    assertThat(strategy.get("population_size").asInt()).isEqualTo(10);
    assertThat(strategy.get("tournament_size").asInt()).isEqualTo(5);
    assertThat(strategy.get("avoid_seen").asBoolean()).isTrue();
    assertThat(strategy.get("parallelism").asInt()).isZero();
    assertThat(strategy.get("embedding").asText()).isEqualTo("wl");
    assertThat(strategy.get("candidates").asInt()).isEqualTo(1);
    assertThat(strategy.get("samples").asInt()).isZero();
    assertThat(strategy.get("incumbent_neighbours").asBoolean()).isFalse();
    assertThat(strategy.get("predictor").asBoolean()).isFalse();
    assertThat(strategy.get("predictor_other_tasks").asBoolean()).isTrue();
    assertThat(strategy.get("zero_cost").asBoolean()).isFalse();
    JsonNode transfer = strategy.get("transfer");
    assertThat(transfer.get("mode").asText()).isEqualTo("none");
    assertThat(transfer.get("count").asInt()).isEqualTo(4);
    assertThat(transfer.get("elite_ratio").asDouble()).isEqualTo(0.2);
    assertThat(transfer.get("negative_window").asInt()).isEqualTo(5);
    for (String key : SpecReader.STRATEGY) {
      // the Gaussian process's settings belong to predictor_model "gp" only (the reader rejects them otherwise)
      assertThat(strategy.has(key)).as("strategy." + key + " written").isEqualTo(!key.equals("gp"));
    }
    JsonNode gp = new ObjectMapper().readTree(SpecWriter.toJson(new SearchSpec("g", "nb201", 5, 1,
        StrategyPresets.apply("ktnas-gp", spec.strategy()), spec.tasks()))).get("strategy").get("gp");
    for (String key : SpecReader.GP) {
      assertThat(gp.has(key)).as("strategy.gp." + key + " written").isTrue();
    }
    assertThat(gp.get("noise").asDouble()).isEqualTo(1.0);
    assertThat(gp.get("scoring").asText()).isEqualTo("expected_improvement");
    for (String key : SpecReader.TRANSFER) {
      assertThat(transfer.has(key)).as("strategy.transfer." + key + " written").isTrue();
    }
    JsonNode task = written.get("tasks").get(0);
    assertThat(task.get("direction").asText()).isEqualTo("max");
    assertThat(task.has("threshold")).isFalse();
    assertThat(task.has("cost_metric")).isFalse();
    assertThat(task.get("test_metrics").isArray()).isTrue();
    assertThat(task.get("test_metrics")).isEmpty();
    assertThat(roundTrip(spec)).isEqualTo(spec);
  }

  @Test
  void readSpecsRoundTripWhateverTheSpelling() {
    // kind and direction in upper case, nulls for defaults: the writer normalises, the values stay
    String text = """
        {"name": "spelled", "seed": 9, "workers": null, "description": "x",
         "strategy": {"kind": "RANDOM", "avoid_seen": false},
         "tasks": [{"name": "t", "benchmark": "nb201", "fitness": "cifar10valid_val_loss_200ep",
                    "direction": "MIN", "threshold": 1, "budget": 10, "proxy_metrics": null}]}
        """;
    SearchSpec spec = new SpecReader().parse("spelled.json", text, TABLES);
    assertThat(roundTrip(spec)).isEqualTo(spec);
    assertThat(SpecWriter.toJson(spec)).contains("\"kind\" : \"random\"").contains("\"direction\" : \"min\"");
  }

  /** Many random valid specs over the fixture's columns, seeded so a failure repeats. */
  @Test
  void randomSpecsRoundTrip() {
    Random random = new Random(20240601L);
    java.util.Set<String> seen = new java.util.TreeSet<>();
    for (int n = 0; n < 300; n++) {
      SearchSpec spec = randomSpec(random, n);
      assertThat(roundTrip(spec)).as("spec %d: %s", n, SpecWriter.toJson(spec)).isEqualTo(spec);
      StrategySpec s = spec.strategy();
      GuidanceSpec g = s.guidance();
      seen.add("embedding " + s.embedding());
      seen.add("transfer " + s.transfer().mode().id());
      seen.add(g.guided() ? "guided" : "unguided");
      seen.add(g.predictor() ? "predictor" : "no predictor");
      seen.add(g.zeroCost() ? "zero-cost" : "no zero-cost");
      seen.add(g.candidates() == 1 && g.samples() > 0 ? "samples alone" : "not samples alone");
    }
    // the generator reaches every kind of strategy the reader accepts
    assertThat(seen).contains("embedding wl", "embedding path", "embedding node2vec", "embedding onehot",
        "transfer none", "transfer random", "transfer rank", "guided", "unguided", "predictor", "no predictor",
        "zero-cost", "no zero-cost", "samples alone");
  }

  private static SearchSpec randomSpec(Random random, int n) {
    boolean nb201 = random.nextBoolean();
    String benchmark = nb201 ? "nb201" : "transnas-micro";
    int size = nb201 ? 15625 : 4096;
    List<String> metrics =
        new ArrayList<>(nb201 ? SpecFixtureTables.NB201_COLUMNS : SpecFixtureTables.TRANSNAS_COLUMNS);
    // zero-cost needs a proxy on every task, so it is drawn before the tasks
    boolean zeroCost = random.nextInt(3) == 0;
    List<TaskSpec> tasks = new ArrayList<>();
    int taskCount = 1 + random.nextInt(4);
    for (int t = 0; t < taskCount; t++) {
      Collections.shuffle(metrics, random);
      String fitness = metrics.get(0);
      Direction direction = random.nextBoolean() ? Direction.MAX : Direction.MIN;
      OptionalDouble threshold = OptionalDouble.empty();
      if (random.nextBoolean()) {
        // a reachable threshold: some architecture's value, nudged towards the worse side
        double optimum = TABLES.get(benchmark).optimum(fitness, direction).value();
        threshold = OptionalDouble.of(direction == Direction.MAX ? optimum - random.nextDouble() : optimum
            + random.nextDouble());
      }
      List<String> test = metrics.subList(1, 1 + random.nextInt(3));
      List<String> proxies =
          metrics.subList(1 + test.size(),
              Math.min(metrics.size(), 1 + test.size() + (zeroCost ? 1 : 0) + random.nextInt(2)));
      Optional<String> cost = random.nextBoolean() ? Optional.of(metrics.get(metrics.size() - 1)) : Optional.empty();
      tasks.add(new TaskSpec("task-" + t, benchmark, fitness, direction, threshold, 1 + random.nextInt(size),
          List.copyOf(test), List.copyOf(proxies), cost));
    }
    StrategySpec strategy = randomStrategy(random, zeroCost, taskCount);
    return new SearchSpec("random-" + n, benchmark, random.nextLong(), 1 + random.nextInt(64), strategy, tasks);
  }

  /** A strategy the reader accepts: a pool only with something to rank it, transfer only for REA on 2+ tasks. */
  private static StrategySpec randomStrategy(Random random, boolean zeroCost, int taskCount) {
    StrategySpec.Kind kind = random.nextBoolean() ? StrategySpec.Kind.REA : StrategySpec.Kind.RANDOM;
    int population = 1 + random.nextInt(50);
    String embedding = Embedders.IDS.get(random.nextInt(Embedders.IDS.size()));
    boolean predictor = random.nextBoolean();
    GuidanceSpec guidance;
    if (predictor || zeroCost) {
      int candidates = random.nextBoolean() ? 1 : 2 + random.nextInt(49);
      int samples = candidates == 1 ? 1 + random.nextInt(200) : random.nextInt(3) * random.nextInt(200);
      guidance = new GuidanceSpec(candidates, samples, random.nextBoolean(), predictor, random.nextBoolean(), zeroCost);
    } else {
      guidance = new GuidanceSpec(1, 0, false, false, random.nextBoolean(), false);
    }
    TransferSpec.Mode mode = kind == StrategySpec.Kind.REA && taskCount >= 2
        ? TransferSpec.Mode.values()[random.nextInt(TransferSpec.Mode.values().length)]
        : TransferSpec.Mode.NONE;
    // elite ratio in (0, 1]: 1 - [0, 1)
    TransferSpec transfer = new TransferSpec(mode, 1 + random.nextInt(10), 1 - random.nextDouble(),
        1 + random.nextInt(20));
    return new StrategySpec(kind, population, 1 + random.nextInt(population), random.nextBoolean(), random.nextInt(5),
        embedding, guidance, transfer);
  }
}
