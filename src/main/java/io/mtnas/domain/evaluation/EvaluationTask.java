package io.mtnas.domain.evaluation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an evaluator needs to score an architecture for one task, carried by every job so that a
 * worker on another node needs no other state: the benchmark (a table set such as {@code nb201},
 * or a trainer configuration in later back-ends), the fitness metric and its direction, and extra
 * metric columns to report alongside (test accuracy, zero-cost proxies), and the metric that
 * holds an evaluation's cost in seconds when the benchmark records one.
 */
public record EvaluationTask(
    String name,
    String benchmark,
    String fitnessMetric,
    Direction direction,
    List<String> extraMetrics,
    Optional<String> costMetric) {
  public EvaluationTask {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(benchmark, "benchmark");
    Objects.requireNonNull(fitnessMetric, "fitnessMetric");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(costMetric, "costMetric");
    extraMetrics = List.copyOf(extraMetrics);
  }
}
