package io.mtnas.domain.evaluation;

/**
 * Port to whatever scores architectures: a benchmark table, a training process. May block; callers
 * (evaluator workers) run it off their mailbox. Implementations turn every error into a
 * {@link EvaluationOutcome.Failed} rather than throwing.
 */
public interface Evaluator extends AutoCloseable {
  EvaluationOutcome evaluate(EvaluationJob job);

  /**
   * True when {@link #evaluate} returns within microseconds and never blocks (a table lookup), so
   * a worker may call it on its own thread instead of handing it to a blocking pool.
   */
  default boolean nonBlocking() {
    return false;
  }

  /** Releases processes or files the evaluator holds; the default holds none. */
  @Override
  default void close() {}
}
