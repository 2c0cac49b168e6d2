package io.mtnas.actor;

import io.mtnas.domain.search.SearchResources;
import io.mtnas.domain.work.WorkSettings;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.mtnas.domain.evaluation.Direction;
import io.mtnas.domain.predictor.Model;
import io.mtnas.domain.predictor.ProxySource;
import io.mtnas.domain.predictor.Regressor;
import io.mtnas.domain.predictor.RetrainSchedule;
import io.mtnas.domain.predictor.TrainingSet;
import io.mtnas.domain.search.GuidanceSpec;
import io.mtnas.domain.search.EvaluationRecord;
import io.mtnas.domain.search.SearchSpec;
import io.mtnas.domain.search.StrategyPresets;
import io.mtnas.domain.search.StrategySpec;
import io.mtnas.domain.search.TaskResult;
import io.mtnas.domain.search.TaskSpec;
import io.mtnas.domain.space.SearchSpaces;
import io.mtnas.protocol.WorkerCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The whole pipeline in one ActorSystem with every message serialized, on a synthetic landscape. */
class SearchHostTest {
  private static final ActorTestKit testKit =
      ActorTestKit.create("host", ConfigFactory.load("application-test"));
  private static final ActorRef<SearchHost.RunSearch> host =
      testKit.spawn(
          SearchHost.create(
              new WorkSettings(Duration.ofSeconds(30), 3, Duration.ofMillis(100)),
              Executors.newFixedThreadPool(4)),
          "host");
  private static int searches;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  static SearchSpec spec(long seed, int workers, StrategySpec strategy) {
    var space = SearchSpaces.transNasMicro();
    List<TaskSpec> tasks = new ArrayList<>();
    for (String name : List.of("alpha", "beta", "gamma")) {
      tasks.add(
          new TaskSpec(
              name,
              "synthetic",
              "fitness",
              Direction.MAX,
              OptionalDouble.of(SyntheticEvaluator.optimum(name, space)),
              4096,
              List.of("test_metric"),
              List.of(),
              Optional.empty()));
    }
    return new SearchSpec("synthetic", space.id(), seed, workers, strategy, tasks);
  }

  static SearchCoordinator.Done run(SearchSpec spec, boolean nonBlocking) throws Exception {
    return run(spec, nonBlocking, SearchResources.none());
  }

  static SearchCoordinator.Done run(SearchSpec spec, boolean nonBlocking, SearchResources resources)
      throws Exception {
    String id = "s" + (++searches);
    var result = new CompletableFuture<SearchCoordinator.Done>();
    List<EvaluationRecord> journal = Collections.synchronizedList(new ArrayList<>());
    host.tell(
        new SearchHost.RunSearch(
            id,
            spec,
            new SyntheticEvaluator(nonBlocking),
            spec.workers(),
            ServiceKey.create(WorkerCommand.class, "test-pool-" + id),
            journal::add,
            result,
            resources));
    SearchCoordinator.Done done = result.get(60, TimeUnit.SECONDS);
    assertThat(journal).containsExactlyInAnyOrderElementsOf(done.records());
    return done;
  }

  /** The spec with every task's budget and proxy metrics replaced, and its threshold kept or dropped. */
  private static SearchSpec withTasks(SearchSpec spec, boolean thresholds, int budget, List<String> proxies) {
    return new SearchSpec(spec.name(), spec.space(), spec.seed(), spec.workers(), spec.strategy(),
        spec.tasks().stream().map(t -> new TaskSpec(t.name(), t.benchmark(), t.fitness(), t.direction(),
            thresholds ? t.threshold() : OptionalDouble.empty(), budget, t.testMetrics(), proxies, t.costMetric()))
            .toList());
  }

  static List<EvaluationRecord> sorted(List<EvaluationRecord> records) {
    return records.stream()
        .sorted(Comparator.comparing(EvaluationRecord::task).thenComparingInt(EvaluationRecord::evaluation))
        .toList();
  }

  @Test
  void cancellingTheResultStopsTheSearchAndItsWorkers() throws Exception {
    // no thresholds, the whole space as budget, 2 ms an evaluation: it would run for a minute
    SearchSpec spec = withTasks(spec(5, 2, StrategySpec.rea(10, 5)), false, 4096, List.of());
    var result = new CompletableFuture<SearchCoordinator.Done>();
    AtomicInteger records = new AtomicInteger();
    SyntheticEvaluator slow = new SyntheticEvaluator(false, job -> {
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    });
    String id = "cancel" + (++searches);
    host.tell(new SearchHost.RunSearch(id, spec, slow, spec.workers(),
        ServiceKey.create(WorkerCommand.class, "test-pool-" + id), r -> records.incrementAndGet(), result,
        SearchResources.none()));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (records.get() < 20 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(records.get()).as("the search got going").isGreaterThanOrEqualTo(20);
    assertThat(result.cancel(false)).isTrue();
    Thread.sleep(300);
    int atStop = records.get();
    Thread.sleep(500);
    assertThat(records.get()).as("nothing is integrated once the session stopped").isEqualTo(atStop);
    assertThat(atStop).isLessThan(3 * 4096);
  }

  @Test
  void reaSolvesEveryTaskAndIntegratesEachJobExactlyOnce() throws Exception {
    SearchCoordinator.Done done = run(spec(7, 3, StrategySpec.rea(10, 5)), false);

    assertThat(done.report().allSolved()).isTrue();
    for (TaskResult t : done.report().tasks()) {
      List<EvaluationRecord> rows =
          done.records().stream().filter(r -> r.task().equals(t.task())).toList();
      assertThat(rows).hasSize(t.evaluations());
      assertThat(rows.stream().map(EvaluationRecord::evaluation).sorted().toList())
          .isEqualTo(java.util.stream.IntStream.rangeClosed(1, t.evaluations()).boxed().toList());
      assertThat(rows.stream().map(EvaluationRecord::job).distinct().count()).isEqualTo(rows.size());
      assertThat(t.bestFitness()).isEqualTo(SyntheticEvaluator.optimum(t.task(), SearchSpaces.transNasMicro()));
      assertThat(t.evaluationsToThreshold()).isPresent();
    }
  }

  @Test
  void sameSeedWithOneWorkerGivesTheSameEvaluationsInTheSameOrder() throws Exception {
    SearchSpec spec = spec(11, 1, StrategySpec.rea(10, 5));
    var first = sorted(run(spec, true).records());
    var second = sorted(run(spec, false).records());
    var otherSeed = sorted(run(spec.withSeed(12), true).records());

    assertThat(second).isEqualTo(first);
    assertThat(otherSeed).isNotEqualTo(first);
  }

  /** candidates 1 with samples: the pool is the strategy's pick plus the samples, and the predictor ranks it. */
  @Test
  void aPredictorRanksAPoolOfSamplesAlone() throws Exception {
    AtomicInteger fits = new AtomicInteger();
    // all scores equal: the pool's own order, the strategy's pick first
    Regressor counting = counted("counting", fits, data -> rows -> new double[rows.length]);
    StrategySpec strategy =
        StrategySpec.rea(10, 5).withGuidance(new GuidanceSpec(1, 5, false, true, true, false));
    SearchCoordinator.Done done =
        run(spec(5, 1, strategy), true, new SearchResources(ProxySource.NONE, Optional.of(counting)));
    assertThat(done.report().allSolved()).isTrue();
    assertThat(fits.get()).as("predictor trainings").isPositive();
  }

  /** The Gaussian-process preset runs through the actors, solves the tasks and reproduces by seed. */
  @Test
  void theGaussianProcessPresetSolvesEveryTaskAndReproduces() throws Exception {
    StrategySpec strategy = StrategyPresets.apply("ktnas-gp", StrategySpec.rea(10, 5));
    SearchCoordinator.Done first = run(spec(6, 1, strategy), true, SearchResources.none());
    SearchCoordinator.Done second = run(spec(6, 1, strategy), false, SearchResources.none());
    assertThat(first.report().allSolved()).as(first.report().tasks().toString()).isTrue();
    assertThat(sorted(second.records())).isEqualTo(sorted(first.records()));
  }

  /** A regressor that counts its trainings. */
  private static Regressor counted(String id, AtomicInteger fits, java.util.function.Function<TrainingSet, Model> fit) {
    return new Regressor() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public Model fit(TrainingSet data) {
        fits.incrementAndGet();
        return fit.apply(data);
      }
    };
  }

  /** A linear score learnt from the data, so that what a model was trained on changes the picks. */
  private static Regressor correlating(AtomicInteger fits) {
    return counted("correlating", fits, data -> {
        double[] w = new double[data.rows()[0].length];
        for (int i = 0; i < data.size(); i++) {
          for (int j = 0; j < w.length; j++) {
            double x = data.rows()[i][j];
            w[j] += Double.isNaN(x) ? 0 : x * data.targets()[i];
          }
        }
        return rows -> java.util.Arrays.stream(rows).mapToDouble(r -> {
          double score = 0;
          for (int j = 0; j < w.length; j++) {
            score += Double.isNaN(r[j]) ? 0 : w[j] * r[j];
          }
          return score;
        }).toArray();
    });
  }

  @Test
  void aRetrainScheduleTrainsLessAndKeepsSeededRunsReproducible() throws Exception {
    StrategySpec strategy =
        StrategySpec.rea(10, 5).withGuidance(new GuidanceSpec(5, 5, true, true, true, false));
    SearchSpec solving = spec(9, 1, strategy);
    SearchSpec spec = withTasks(solving, false, 40, List.of());
    AtomicInteger everyFits = new AtomicInteger();
    var every = run(spec, true,
        new SearchResources(ProxySource.NONE, Optional.of(correlating(everyFits)), RetrainSchedule.EVERY_OUTCOME));
    AtomicInteger scheduledFits = new AtomicInteger();
    RetrainSchedule schedule = new RetrainSchedule(10, 0.25); // outcomes 1..10, 12, 15, 18, 22, 27, ...
    var scheduled = run(spec, true,
        new SearchResources(ProxySource.NONE, Optional.of(correlating(scheduledFits)), schedule));
    AtomicInteger againFits = new AtomicInteger();
    var again = run(spec, false,
        new SearchResources(ProxySource.NONE, Optional.of(correlating(againFits)), schedule));

    int outcomes = every.records().size();
    assertThat(outcomes).as("outcomes").isEqualTo(120);
    assertThat(scheduledFits.get()).as("trainings with the schedule")
        .isLessThan(everyFits.get() / 2);
    assertThat(sorted(again.records())).isEqualTo(sorted(scheduled.records()));
    assertThat(againFits.get()).isEqualTo(scheduledFits.get());
  }

  /**
   * A proxy that points the wrong way (minus the fitness) would have REA take the worst of its 20
   * mutants every time; once the populations' results show it, they stop following it and evolve.
   */
  @Test
  void aPopulationStopsFollowingAProxyItsResultsContradict() throws Exception {
    StrategySpec strategy =
        StrategySpec.rea(10, 5).withGuidance(new GuidanceSpec(20, 0, false, false, false, true));
    SearchSpec solving = spec(4, 1, strategy);
    SearchSpec spec = withTasks(solving, true, 600, List.of("misleading"));
    ProxySource misleading = (metric, a) -> -SyntheticEvaluator.fitness("alpha", a);

    SearchCoordinator.Done done = run(spec, true, new SearchResources(misleading, Optional.empty()));

    assertThat(done.report().allSolved()).as(done.report().tasks().toString()).isTrue();
  }

  /**
   * Every actor of the search publishes; the JSON lines number them 1, 2, 3... with none missing,
   * and the result only completes once the last of them, search_finished, has been written.
   */
  @Test
  void aSearchsProgressLinesAreNumberedWithoutGapsUpToSearchFinished() throws Exception {
    try (ProgressCapture capture = new ProgressCapture()) {
      SearchCoordinator.Done done = run(spec(8, 3, StrategySpec.rea(10, 5)), true);
      String id = done.report().searchId();
      List<ProgressCapture.Line> lines = capture.all(id);
      assertThat(lines).extracting(l -> Long.parseLong(l.field("seq")))
          .isEqualTo(java.util.stream.LongStream.rangeClosed(1, lines.size()).boxed().toList());
      assertThat(lines.get(0).field("event")).isEqualTo("search_started");
      assertThat(lines.get(lines.size() - 1).field("event")).isEqualTo("search_finished");
      assertThat(capture.events(id, "evaluation")).hasSize(done.records().size());
    }
  }

  @Test
  void randomSearchWithSeveralWorkersSolvesEveryTask() throws Exception {
    SearchCoordinator.Done done = run(spec(3, 4, StrategySpec.random()), true);
    assertThat(done.report().allSolved()).isTrue();
    assertThat(done.report().totalEvaluations()).isEqualTo(done.records().size());
  }

  @Test
  void aTaskScheduledInTheSpecJoinsAfterItsCountAndTheSearchReproduces() throws Exception {
    SearchSpec three = withTasks(spec(17, 1, StrategySpec.rea(10, 5)), false, 30, List.of());
    TaskSpec gamma = three.task("gamma").withJoinAfter(java.util.OptionalLong.of(25));
    SearchSpec spec = new SearchSpec(three.name(), three.space(), three.seed(), 1, three.strategy(),
        List.of(three.task("alpha"), three.task("beta"), gamma));
    SearchCoordinator.Done done = run(spec, true);
    assertThat(done.report().tasks()).extracting(TaskResult::task).containsExactly("alpha", "beta", "gamma");
    assertThat(done.report().tasks()).allSatisfy(t -> assertThat(t.evaluations()).isEqualTo(30));
    List<EvaluationRecord> inOrder = done.records();
    int firstGamma = inOrder.indexOf(inOrder.stream().filter(r -> r.task().equals("gamma")).findFirst().orElseThrow());
    assertThat(firstGamma).as("nothing of gamma before 25 deliveries").isGreaterThanOrEqualTo(25);
    assertThat(sorted(run(spec, true).records())).as("one worker, one seed").isEqualTo(sorted(done.records()));
  }
}
