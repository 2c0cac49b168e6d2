package io.mtnas.actor;

import io.mtnas.domain.work.WorkSettings;
import static io.mtnas.actor.EvaluationLog.failed;
import static io.mtnas.actor.EvaluationLog.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.mtnas.domain.evaluation.EvaluationOutcome.FailureKind;
import io.mtnas.domain.evaluation.Evaluator;
import io.mtnas.domain.evaluation.JobId;
import io.mtnas.domain.search.EvaluationRecord;
import io.mtnas.domain.search.SearchSpec;
import io.mtnas.domain.search.StrategySpec;
import io.mtnas.domain.search.TaskResult;
import io.mtnas.protocol.WorkerCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole pipeline (host, coordinator, populations, work manager, workers) in one ActorSystem
 * with every message serialized, under evaluator faults: retryable and final failures, exceptions,
 * hangs past the job timeout, and a worker stopped mid-job. Each test checks that the search ends
 * and that every proposed job has exactly one integrated outcome.
 */
class FaultToleranceTest {
  private static final ActorTestKit testKit =
      ActorTestKit.create("faults", ConfigFactory.load("application-test"));
  private static final AtomicInteger threads = new AtomicInteger();
  private static final ExecutorService blocking =
      Executors.newFixedThreadPool(
          8,
          r -> {
            Thread t = new Thread(r, "evaluator-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
          });
  private static final AtomicInteger searches = new AtomicInteger();

  private static final WorkSettings PATIENT =
      new WorkSettings(Duration.ofSeconds(30), 3, Duration.ofMillis(100));

  private ProgressCapture capture;
  private final EvaluationLog log = new EvaluationLog();

  @BeforeEach
  void capture() {
    capture = new ProgressCapture();
  }

  @AfterEach
  void release() {
    capture.close();
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
    blocking.shutdownNow();
  }

  /** A running search: its id, its worker key, the journal its sink fills, and its result. */
  private record Started(
      String id,
      ServiceKey<WorkerCommand> key,
      List<EvaluationRecord> journal,
      CompletableFuture<SearchCoordinator.Done> result) {}

  private static String newSearchId() {
    return "f" + searches.incrementAndGet();
  }

  private static ServiceKey<WorkerCommand> keyOf(String searchId) {
    return ServiceKey.create(WorkerCommand.class, "faults-" + searchId);
  }

  private Started start(
      String id, WorkSettings settings, SearchSpec spec, Evaluator evaluator, int localWorkers) {
    ActorRef<SearchHost.RunSearch> host =
        testKit.spawn(SearchHost.create(settings, blocking), "host-" + id);
    var result = new CompletableFuture<SearchCoordinator.Done>();
    List<EvaluationRecord> journal = Collections.synchronizedList(new ArrayList<>());
    host.tell(
        new SearchHost.RunSearch(
            id, spec, evaluator, localWorkers, keyOf(id), journal::add, result));
    return new Started(id, keyOf(id), journal, result);
  }

  private SearchCoordinator.Done finish(Started s) throws Exception {
    return s.result().get(30, TimeUnit.SECONDS);
  }

  private ActorRef<WorkerCommand> spawnWorker(
      String searchId, String workerId, Evaluator evaluator) {
    return testKit.spawn(
        EvaluatorWorker.create(workerId, evaluator, keyOf(searchId), blocking),
        searchId + "-" + workerId);
  }

  private static TaskResult task(SearchCoordinator.Done done, String name) {
    return done.report().tasks().stream()
        .filter(t -> t.task().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static ProgressCapture.Line only(List<ProgressCapture.Line> lines, JobId job) {
    List<ProgressCapture.Line> of =
        lines.stream().filter(l -> job.toString().equals(l.field("work"))).toList();
    assertThat(of).as("events for %s", job).hasSize(1);
    return of.get(0);
  }

  // ---- a. retryable failures

  @Test
  void crashedFirstAttemptsAreRetriedAndScoredAndAlwaysCrashingJobsGiveUpAfterMaxAttempts()
      throws Exception {
    JobId alwaysCrashes = new JobId("alpha", 4);
    EvaluationLog.Script script =
        (worker, job) -> {
          if (job.id().equals(alwaysCrashes)) {
            return failed(job, FailureKind.CRASHED, "trainer segfault, attempt " + job.attempt());
          }
          if (job.id().sequence() % 3 == 0 && job.attempt() == 1) {
            return failed(job, FailureKind.CRASHED, "flaky first attempt");
          }
          return null;
        };
    String id = newSearchId();
    SearchSpec spec =
        JobAccounting.spec(5, 3, 12, StrategySpec.rea(6, 3), "alpha", "beta", "gamma");
    Started s = start(id, PATIENT, spec, log.evaluator("pool", true, script), 3);
    SearchCoordinator.Done done = finish(s);

    JobAccounting.Outcomes outcomes =
        JobAccounting.assertEachJobIntegratedOnce(id, done, s.journal(), capture);
    assertThat(outcomes.givenUp()).containsOnlyKeys(alwaysCrashes);
    assertThat(task(done, "alpha").failures()).isEqualTo(1);
    assertThat(task(done, "beta").failures()).isZero();
    assertThat(task(done, "gamma").failures()).isZero();
    done.report().tasks().forEach(t -> assertThat(t.evaluations()).isEqualTo(12));

    Map<JobId, List<Integer>> attempts = log.attemptNumbersByJob();
    assertThat(attempts.keySet()).isEqualTo(outcomes.all());
    for (Map.Entry<JobId, List<Integer>> e : attempts.entrySet()) {
      JobId job = e.getKey();
      if (job.equals(alwaysCrashes)) {
        assertThat(e.getValue()).as(job.toString()).containsExactly(1, 2, 3);
      } else if (job.sequence() % 3 == 0) {
        assertThat(e.getValue()).as(job.toString()).containsExactly(1, 2);
        assertThat(outcomes.scored()).containsKey(job);
      } else {
        assertThat(e.getValue()).as(job.toString()).containsExactly(1);
      }
    }

    ProgressCapture.Line gaveUp = outcomes.givenUp().get(alwaysCrashes);
    assertThat(gaveUp.field("kind")).isEqualTo("crashed");
    assertThat(gaveUp.field("attempt")).isEqualTo(String.valueOf(PATIENT.maxAttempts()));
    assertThat(gaveUp.field("reason")).contains("attempt 3");
    List<ProgressCapture.Line> retried =
        capture.events(id, "evaluation_failed").stream()
            .filter(l -> "true".equals(l.field("will_retry")))
            .toList();
    long flakyJobs = attempts.keySet().stream().filter(j -> j.sequence() % 3 == 0).count();
    assertThat(retried).hasSize((int) flakyJobs + 2); // and alwaysCrashes, retried twice
    assertThat(retried).allMatch(l -> "crashed".equals(l.field("kind")));
  }

  // ---- b. final failures

  @Test
  void invalidAndDivergedArchitecturesAreGivenUpAtOnceAndCountedAsFailures() throws Exception {
    EvaluationLog.Script script =
        (worker, job) -> {
          if (job.task().name().equals("doomed")) {
            return failed(job, FailureKind.INVALID, "no such benchmark column");
          }
          long index = job.architecture().index();
          if (index % 8 == 0) {
            return failed(job, FailureKind.INVALID, "unsupported op");
          }
          if (index % 8 == 1) {
            return failed(job, FailureKind.DIVERGED, "loss is NaN");
          }
          return null;
        };
    String id = newSearchId();
    // Random search proposes the same architectures for a seed whatever the timing, so which
    // ones fail is fixed: alpha and beta reach their budget before a budget's worth of failures.
    SearchSpec spec =
        JobAccounting.spec(9, 2, 10, StrategySpec.random(), "alpha", "beta", "doomed");
    Started s = start(id, PATIENT, spec, log.evaluator("pool", false, script), 2);
    SearchCoordinator.Done done = finish(s);

    JobAccounting.Outcomes outcomes =
        JobAccounting.assertEachJobIntegratedOnce(id, done, s.journal(), capture);
    // Every job was attempted once: final failures are never retried.
    log.assertEachRanOnceExceptRetriedOnce(job -> false);
    assertThat(capture.events(id, "evaluation_failed"))
        .allMatch(l -> "false".equals(l.field("will_retry")));

    // The given-up jobs are exactly those whose architecture (or task) fails.
    Set<JobId> failing =
        log.attempts().stream()
            .filter(
                a -> a.job().task().equals("doomed")
                    || a.architecture().index() % 8 == 0
                    || a.architecture().index() % 8 == 1)
            .map(EvaluationLog.Attempt::job)
            .collect(Collectors.toSet());
    assertThat(outcomes.givenUp().keySet()).isEqualTo(failing);
    for (EvaluationLog.Attempt a : log.attempts()) {
      if (failing.contains(a.job()) && !a.job().task().equals("doomed")) {
        String expected = a.architecture().index() % 8 == 0 ? "invalid" : "diverged";
        assertThat(outcomes.givenUp().get(a.job()).field("kind")).isEqualTo(expected);
      }
    }
    for (String name : List.of("alpha", "beta")) {
      TaskResult t = task(done, name);
      assertThat(t.evaluations()).isEqualTo(10);
      assertThat(t.failures())
          .isEqualTo(
              outcomes.givenUp().keySet().stream().filter(j -> j.task().equals(name)).count());
      assertThat(t.failures()).isPositive();
      assertThat(t.best()).isPresent();
    }
    // A task whose every evaluation fails stops after a budget's worth of failures (plus those
    // already outstanding when the last one came in: at most parallelism - 1 more).
    TaskResult doomed = task(done, "doomed");
    assertThat(doomed.evaluations()).isZero();
    assertThat(doomed.failures()).isBetween(10, 10 + spec.parallelismPerTask() - 1);
    assertThat(doomed.best()).isEmpty();
  }

  // ---- c. exceptions

  @ParameterizedTest(name = "nonBlocking={0}")
  @ValueSource(booleans = {true, false})
  void anEvaluatorThatThrowsBecomesACrashedFailureAndTheWorkerLivesOn(boolean nonBlocking)
      throws Exception {
    JobId alwaysThrows = new JobId("beta", 2);
    EvaluationLog.Script script =
        (worker, job) -> {
          if (job.id().equals(alwaysThrows)) {
            throw new IllegalStateException("table row missing for " + job.id());
          }
          if (job.id().sequence() % 4 == 1 && job.attempt() == 1) {
            throw new ArithmeticException("boom on first attempt");
          }
          return null;
        };
    String id = newSearchId();
    SearchSpec spec = JobAccounting.spec(13, 3, 10, StrategySpec.random(), "alpha", "beta");
    Started s = start(id, PATIENT, spec, log.evaluator("pool", nonBlocking, script), 3);
    SearchCoordinator.Done done = finish(s);

    JobAccounting.Outcomes outcomes =
        JobAccounting.assertEachJobIntegratedOnce(id, done, s.journal(), capture);
    assertThat(outcomes.givenUp()).containsOnlyKeys(alwaysThrows);
    ProgressCapture.Line gaveUp = outcomes.givenUp().get(alwaysThrows);
    assertThat(gaveUp.field("kind")).isEqualTo("crashed");
    assertThat(gaveUp.field("reason"))
        .contains("evaluator threw")
        .contains("IllegalStateException")
        .contains("table row missing");
    assertThat(task(done, "beta").failures()).isEqualTo(1);
    assertThat(task(done, "alpha").failures()).isZero();

    Map<JobId, List<Integer>> attempts = log.attemptNumbersByJob();
    assertThat(attempts.get(alwaysThrows)).containsExactly(1, 2, 3);
    attempts.remove(alwaysThrows);
    attempts.forEach(
        (job, n) ->
            assertThat(n)
                .as(job.toString())
                .isEqualTo(job.sequence() % 4 == 1 ? List.of(1, 2) : List.of(1)));
    // No worker died of it: the three joined and none left while the search ran.
    assertThat(capture.eventsWhileRunning(id, "worker_joined")).hasSize(3);
    assertThat(capture.eventsWhileRunning(id, "worker_left")).isEmpty();
    assertThat(capture.warnings()).noneMatch(l -> l.level().toString().equals("ERROR"));
  }

  static Stream<Arguments> throwablesThatAreNotRuntimeExceptions() {
    return Stream.of(true, false)
        .flatMap(
            nonBlocking ->
                Stream.of(
                    Arguments.of(nonBlocking, "AssertionError"),
                    Arguments.of(nonBlocking, "IOException")));
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> void sneakyThrow(Throwable t) throws E {
    throw (E) t;
  }

  /**
   * An Error, or a checked exception smuggled past the compiler (Kotlin, Groovy, Lombok), must not
   * take the worker down either: a lost worker is never replaced, so a job that throws would kill
   * one worker per attempt and leave the search with none.
   */
  @ParameterizedTest(name = "nonBlocking={0}, throws {1}")
  @MethodSource("throwablesThatAreNotRuntimeExceptions")
  void anEvaluatorThatThrowsAnErrorOrCheckedExceptionDoesNotKillItsWorker(
      boolean nonBlocking, String throwable) throws Exception {
    JobId alwaysThrows = new JobId("alpha", 2);
    EvaluationLog.Script script =
        (worker, job) -> {
          if (job.id().equals(alwaysThrows)) {
            sneakyThrow(
                throwable.equals("AssertionError")
                    ? new AssertionError("invariant broken for " + job.id())
                    : new java.io.IOException("table file vanished"));
          }
          return null;
        };
    String id = newSearchId();
    SearchSpec spec = JobAccounting.spec(19, 2, 6, StrategySpec.random(), "alpha", "beta");
    Started s = start(id, PATIENT, spec, log.evaluator("pool", nonBlocking, script), 2);
    SearchCoordinator.Done done = finish(s);

    JobAccounting.Outcomes outcomes =
        JobAccounting.assertEachJobIntegratedOnce(id, done, s.journal(), capture);
    assertThat(outcomes.givenUp()).containsOnlyKeys(alwaysThrows);
    assertThat(outcomes.givenUp().get(alwaysThrows).field("kind")).isEqualTo("crashed");
    assertThat(outcomes.givenUp().get(alwaysThrows).field("reason")).contains(throwable);
    assertThat(log.attemptNumbersByJob().get(alwaysThrows)).containsExactly(1, 2, 3);
    assertThat(capture.eventsWhileRunning(id, "worker_left")).isEmpty();
  }

  // ---- d. a hang past the job timeout

  @Test
  void aJobThatHangsPastItsTimeoutIsRequeuedCompletedElsewhereAndItsLateResultIgnored()
      throws Exception {
    WorkSettings impatient = new WorkSettings(Duration.ofMillis(300), 3, Duration.ofMillis(50));
    JobId hangs = new JobId("alpha", 1);
    CountDownLatch retryDone = new CountDownLatch(1);
    AtomicReference<String> hungWorker = new AtomicReference<>();
    AtomicLong lateReturnNanos = new AtomicLong();
    EvaluationLog.Script script =
        (worker, job) -> {
          if (job.id().equals(hangs) && job.attempt() == 1) {
            hungWorker.set(worker);
            try {
              // Blocks far past the 300 ms timeout, until the retry has been scored elsewhere.
              retryDone.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            sleep(100); // the retry's result reaches the manager first
            lateReturnNanos.set(System.nanoTime());
            return null; // a valid score, but late
          }
          if (job.id().equals(hangs)) {
            retryDone.countDown();
            return null;
          }
          sleep(10);
          return null;
        };
    String id = newSearchId();
    spawnWorker(id, "w1", log.evaluator("w1", false, script));
    spawnWorker(id, "w2", log.evaluator("w2", false, script));
    SearchSpec spec =
        JobAccounting.spec(21, 2, 25, StrategySpec.rea(8, 3), "alpha", "beta", "gamma");
    Started s = start(id, impatient, spec, log.evaluator("unused", false, script), 0);
    SearchCoordinator.Done done = finish(s);

    JobAccounting.Outcomes outcomes =
        JobAccounting.assertEachJobIntegratedOnce(id, done, s.journal(), capture);
    assertThat(outcomes.givenUp()).isEmpty();
    assertThat(outcomes.scored()).containsKey(hangs);

    List<EvaluationLog.Attempt> tries = log.attemptsOf(hangs);
    assertThat(tries).extracting(EvaluationLog.Attempt::attempt).containsExactly(1, 2);
    String retryWorker = tries.get(1).worker();
    assertThat(retryWorker).isNotEqualTo(hungWorker.get());
    // The retry's score is the one integrated; the late one (same job, other worker) was dropped.
    assertThat(JobAccounting.integratedBy(id, capture).get(hangs)).isEqualTo(retryWorker);
    ProgressCapture.Line timedOut = only(capture.events(id, "evaluation_failed"), hangs);
    assertThat(timedOut.field("kind")).isEqualTo("timed_out");
    assertThat(timedOut.field("attempt")).isEqualTo("1");
    assertThat(timedOut.field("will_retry")).isEqualTo("true");
    // The late result reached the manager while the search ran: the worker that sent it got
    // more jobs afterwards (it asks for them only after sending the result).
    assertThat(lateReturnNanos.get()).isPositive();
    assertThat(log.attempts())
        .filteredOn(
            a -> a.worker().equals(hungWorker.get()) && a.startedNanos() > lateReturnNanos.get())
        .isNotEmpty();
    // No job but the hung one was retried.
    log.assertEachRanOnceExceptRetriedOnce(hangs::equals);
  }

  // ---- e. a worker stopped mid-job

  @Test
  void aWorkerStoppedMidJobGivesItsJobBackAndTheOthersFinishTheSearch() throws Exception {
    CountDownLatch victimStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger w1Jobs = new AtomicInteger();
    AtomicReference<JobId> victim = new AtomicReference<>();
    EvaluationLog.Script script =
        (worker, job) -> {
          if (worker.equals("w1") && w1Jobs.incrementAndGet() == 3) {
            victim.set(job.id());
            victimStarted.countDown();
            try {
              release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return null;
          }
          sleep(5);
          return null;
        };
    String id = newSearchId();
    ActorRef<WorkerCommand> w1 = spawnWorker(id, "w1", log.evaluator("w1", false, script));
    spawnWorker(id, "w2", log.evaluator("w2", false, script));
    spawnWorker(id, "w3", log.evaluator("w3", false, script));
    SearchSpec spec =
        JobAccounting.spec(17, 3, 20, StrategySpec.rea(8, 3), "alpha", "beta", "gamma");
    Started s = start(id, PATIENT, spec, log.evaluator("unused", false, script), 0);

    assertThat(victimStarted.await(10, TimeUnit.SECONDS)).isTrue();
    testKit.stop(w1, Duration.ofSeconds(5));
    release.countDown(); // its result now goes nowhere: the worker is gone
    SearchCoordinator.Done done = finish(s);

    JobAccounting.Outcomes outcomes =
        JobAccounting.assertEachJobIntegratedOnce(id, done, s.journal(), capture);
    assertThat(outcomes.givenUp()).isEmpty();
    JobId lost = victim.get();
    assertThat(outcomes.scored()).containsKey(lost);

    List<EvaluationLog.Attempt> tries = log.attemptsOf(lost);
    assertThat(tries).extracting(EvaluationLog.Attempt::attempt).containsExactly(1, 2);
    assertThat(tries.get(0).worker()).isEqualTo("w1");
    assertThat(tries.get(1).worker()).isIn("w2", "w3");
    assertThat(JobAccounting.integratedBy(id, capture).get(lost)).isEqualTo(tries.get(1).worker());
    assertThat(log.attempts()).filteredOn(a -> a.worker().equals("w1")).hasSize(3);

    List<ProgressCapture.Line> left = capture.eventsWhileRunning(id, "worker_left");
    assertThat(left).hasSize(1);
    assertThat(left.get(0).field("worker")).isEqualTo("w1");
    assertThat(left.get(0).field("requeued")).isEqualTo("1");
    ProgressCapture.Line workerLost = only(capture.events(id, "evaluation_failed"), lost);
    assertThat(workerLost.field("kind")).isEqualTo("worker_lost");
    assertThat(workerLost.field("will_retry")).isEqualTo("true");
    done.report().tasks().forEach(t -> assertThat(t.evaluations()).isEqualTo(20));
  }
}
