package io.mtnas.actor;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtnas.domain.evaluation.EvaluationJob;
import io.mtnas.domain.evaluation.EvaluationOutcome;
import io.mtnas.domain.evaluation.EvaluationOutcome.FailureKind;
import io.mtnas.domain.evaluation.Evaluator;
import io.mtnas.domain.evaluation.JobId;
import io.mtnas.domain.space.Architecture;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Every evaluation attempt that reached an evaluator, with the worker (or node) it ran for and the
 * thread it ran on; hands out {@link SyntheticEvaluator}s whose override hook records the attempt
 * and then runs a test's fault script.
 */
final class EvaluationLog {

  /** One call of {@link Evaluator#evaluate}. */
  record Attempt(
      String worker,
      JobId job,
      int attempt,
      Architecture architecture,
      String thread,
      long startedNanos) {}

  /** A fault script: an outcome to use instead of the score, or null for the normal score. */
  @FunctionalInterface
  interface Script {
    EvaluationOutcome apply(String worker, EvaluationJob job);
  }

  static final Script NO_FAULTS = (worker, job) -> null;

  private final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();

  /** An evaluator for one worker (or one node, or a pool: {@code worker} is only a label). */
  Evaluator evaluator(String worker, boolean nonBlocking, Script script) {
    return new SyntheticEvaluator(
        nonBlocking,
        job -> {
          attempts.add(
              new Attempt(
                  worker,
                  job.id(),
                  job.attempt(),
                  job.architecture(),
                  Thread.currentThread().getName(),
                  System.nanoTime()));
          return script.apply(worker, job);
        });
  }

  List<Attempt> attempts() {
    return List.copyOf(attempts);
  }

  List<Attempt> attemptsOf(JobId job) {
    return attempts.stream().filter(a -> a.job().equals(job)).toList();
  }

  /** The attempt numbers each job was evaluated with, in the order they started. */
  Map<JobId, List<Integer>> attemptNumbersByJob() {
    return attempts.stream()
        .sorted(Comparator.comparingLong(Attempt::startedNanos))
        .collect(
            Collectors.groupingBy(
                Attempt::job,
                TreeMap::new,
                Collectors.mapping(Attempt::attempt, Collectors.toList())));
  }

  /** Asserts each job's attempt numbers: 1 then 2 where {@code retriedOnce} holds, else just 1. */
  void assertEachRanOnceExceptRetriedOnce(Predicate<JobId> retriedOnce) {
    attemptNumbersByJob()
        .forEach(
            (job, n) ->
                assertThat(n)
                    .as("attempts of %s", job)
                    .isEqualTo(retriedOnce.test(job) ? List.of(1, 2) : List.of(1)));
  }

  static EvaluationOutcome.Failed failed(EvaluationJob job, FailureKind kind, String reason) {
    return new EvaluationOutcome.Failed(job.id(), job.architecture(), kind, reason);
  }

  /** Sleeps, turning an interrupt into a crash of the evaluation (the thread keeps its flag). */
  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
