package io.mtnas.domain.search;

import io.mtnas.domain.evaluation.JobId;
import io.mtnas.domain.space.Architecture;
import java.util.Map;
import java.util.Objects;

/**
 * One integrated evaluation, as a row of {@code evaluations.csv}. Holds nothing that depends on
 * timing or on which worker ran it, so a seeded search with one worker reproduces it exactly.
 *
 * @param evaluation the task's evaluation number, 1-based, in integration order
 * @param origin how the candidate was made (random, mutation, crossover, transfer)
 * @param bestSoFar the task's best fitness after this evaluation
 */
public record EvaluationRecord(
    String task,
    int evaluation,
    JobId job,
    Architecture architecture,
    String origin,
    double fitness,
    double bestSoFar,
    Map<String, Double> metrics,
    double costSeconds) {
  public EvaluationRecord {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(origin, "origin");
    metrics = Map.copyOf(metrics);
  }
}
