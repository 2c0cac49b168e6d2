package io.mtnas.adapter.evaluator;

import io.mtnas.domain.evaluation.EvaluationJob;
import io.mtnas.domain.evaluation.EvaluationOutcome;
import io.mtnas.domain.evaluation.Evaluator;
import java.time.Duration;

/**
 * A tabular evaluation that takes time, so that a search on a table schedules like a cluster
 * search in miniature: after the lookup it sleeps for the benchmark's own training time of the
 * architecture (its cost column) times {@code scale}, or for a {@code fixed} time when one is set
 * (throughput measurements). Blocking, so it runs off the worker's thread.
 */
public final class SimulatedTimeEvaluator implements Evaluator {
  private final Evaluator inner;
  private final double scale;
  private final Duration fixed;

  /** @param scale simulated seconds per benchmark second (e.g. 1e-4: 12,000 s of NB201 in 1.2 s) */
  public SimulatedTimeEvaluator(Evaluator inner, double scale, Duration fixed) {
    check(scale, fixed);
    this.inner = inner;
    this.scale = scale;
    this.fixed = fixed;
  }

  /** @throws IllegalArgumentException naming the value that cannot be a simulated time */
  public static void check(double scale, Duration fixed) {
    if (!(scale >= 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("time scale must be a finite number >= 0, got " + scale);
    }
    if (fixed.isNegative()) {
      throw new IllegalArgumentException("fixed evaluation time must be >= 0, got " + fixed);
    }
  }

  /** {@code inner} itself when neither a scale nor a fixed time is set. */
  public static Evaluator wrap(Evaluator inner, double scale, Duration fixed) {
    return scale == 0 && fixed.isZero() ? inner : new SimulatedTimeEvaluator(inner, scale, fixed);
  }

  @Override
  public EvaluationOutcome evaluate(EvaluationJob job) {
    EvaluationOutcome outcome = inner.evaluate(job);
    long nanos = fixed.isZero()
        ? outcome instanceof EvaluationOutcome.Scored s ? (long) (s.costSeconds() * scale * 1e9) : 0
        : fixed.toNanos();
    try {
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return outcome;
  }

  @Override
  public boolean nonBlocking() {
    return false;
  }

  @Override
  public void close() {
    inner.close();
  }
}
