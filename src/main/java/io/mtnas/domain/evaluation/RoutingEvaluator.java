package io.mtnas.domain.evaluation;

import java.util.Map;

/** Hands each job to its task's evaluator: tables for some tasks, trainer processes for others. */
public final class RoutingEvaluator implements Evaluator {
  private final Map<String, Evaluator> byTask;
  private final Evaluator fallback;

  public RoutingEvaluator(Map<String, Evaluator> byTask, Evaluator fallback) {
    this.byTask = Map.copyOf(byTask);
    this.fallback = fallback;
  }

  @Override
  public EvaluationOutcome evaluate(EvaluationJob job) {
    return byTask.getOrDefault(job.task().name(), fallback).evaluate(job);
  }

  /** Blocking as soon as one route blocks: workers then run every job on the blocking pool. */
  @Override
  public boolean nonBlocking() {
    return fallback.nonBlocking() && byTask.values().stream().allMatch(Evaluator::nonBlocking);
  }

  @Override
  public void close() {
    byTask.values().forEach(Evaluator::close);
    fallback.close();
  }
}
