package io.mtnas.adapter.evaluator;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.mtnas.actor.SearchCoordinator;
import io.mtnas.actor.SearchHost;
import io.mtnas.domain.work.WorkSettings;
import io.mtnas.domain.evaluation.Direction;
import io.mtnas.domain.search.EvaluationRecord;
import io.mtnas.domain.search.SearchSpec;
import io.mtnas.domain.search.StrategySpec;
import io.mtnas.domain.search.TaskResult;
import io.mtnas.domain.search.TaskSpec;
import io.mtnas.protocol.WorkerCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A whole two-task search whose evaluator workers drive real PyTorch trainer processes on a
 * synthetic data set, every message serialized as if it crossed a node.
 */
class TrainerSearchTest {
  @Test
  void twoTasksAreSearchedWithRealTrainingAndEveryJobIsIntegratedOnce() throws Exception {
    SearchCoordinator.Done done = search(Map.of(), Duration.ofSeconds(120));
    for (TaskResult t : done.report().tasks()) {
      assertThat(t.failures()).isZero();
    }
  }

  /**
   * A trainer that crashes, hangs or diverges on one job inside a running search: crashes and
   * hangs are retried up to the attempt limit and then given up, divergence is given up at once;
   * either way the job counts as one failure, a replacement is proposed and the search finishes.
   */
  @ParameterizedTest
  @ValueSource(strings = {"exit-on-job:alpha#1", "hang-on-job:alpha#1", "nan-on-job:alpha#1"})
  void aFaultyTrainerInsideASearchCostsOneJobAndTheSearchFinishes(String fault) throws Exception {
    SearchCoordinator.Done done = search(Map.of("MTNAS_TRAINER_FAULT", fault), Duration.ofSeconds(3));
    TaskResult alpha = done.report().tasks().get(0);
    assertThat(alpha.failures()).isEqualTo(1);
    assertThat(done.report().tasks().get(1).failures()).isZero();
    assertThat(done.records()).noneMatch(r -> r.job().toString().equals("alpha#1"));
  }

  private static SearchCoordinator.Done search(Map<String, String> fault, Duration jobTimeout) throws Exception {
    ActorTestKit kit = ActorTestKit.create("trainer-search", ConfigFactory.load("application-test"));
    ExecutorService blocking = Executors.newFixedThreadPool(2);
    Map<String, TrainerTask> tasks = Map.of("alpha", Trainers.tinyTask(1), "beta", Trainers.tinyTask(2));
    try (ProcessEvaluator evaluator =
        new ProcessEvaluator(Trainers.settings(fault, 2, jobTimeout), tasks)) {
      List<TaskSpec> taskSpecs = new ArrayList<>();
      for (String name : List.of("alpha", "beta")) {
        taskSpecs.add(new TaskSpec(name, "trainer", "val_accuracy", Direction.MAX, OptionalDouble.empty(), 3,
            List.of("val_loss"), List.of("synflow", "params"), Optional.of("train_seconds")));
      }
      SearchSpec spec = new SearchSpec("trainer-search", "nb201", 5, 2, StrategySpec.rea(2, 2), taskSpecs);
      var host = kit.spawn(SearchHost.create(new WorkSettings(Duration.ofMinutes(5), 3, Duration.ofSeconds(1)),
          blocking), "host");
      var result = new CompletableFuture<SearchCoordinator.Done>();
      List<EvaluationRecord> journal = Collections.synchronizedList(new ArrayList<>());
      host.tell(new SearchHost.RunSearch("s1", spec, evaluator, 2,
          ServiceKey.create(WorkerCommand.class, "trainer-workers"), journal::add, result));
      SearchCoordinator.Done done = result.get(5, TimeUnit.MINUTES);
      for (TaskResult t : done.report().tasks()) {
        assertThat(t.evaluations()).as(t.task()).isEqualTo(3);
        assertThat(t.bestFitness()).isBetween(0.0, 100.0);
        assertThat(t.costSeconds()).isPositive();
      }
      assertThat(journal).hasSize(6);
      assertThat(journal.stream().map(EvaluationRecord::job).distinct()).hasSize(6);
      assertThat(journal).allSatisfy(r -> assertThat(r.metrics()).containsKeys("synflow", "params", "val_loss"));
      return done;
    } finally {
      kit.shutdownTestKit();
      blocking.shutdownNow();
    }
  }
}
