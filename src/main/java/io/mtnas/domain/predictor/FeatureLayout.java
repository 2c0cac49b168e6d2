package io.mtnas.domain.predictor;

/**
 * Where the blocks of a feature row lie, for regressors that treat them differently (a kernel
 * compares architectures and tasks separately; trees need not know).
 *
 * @param embeddingWidth the architecture embedding: columns {@code [0, embeddingWidth)}
 * @param taskStart first column of the task one-hot
 * @param taskCount width of the task one-hot (0 when rows carry no task)
 */
public record FeatureLayout(int embeddingWidth, int taskStart, int taskCount) {
  public FeatureLayout {
    if (embeddingWidth < 0 || taskStart < embeddingWidth || taskCount < 0) {
      throw new IllegalArgumentException(
          "bad layout: embedding " + embeddingWidth + ", tasks from " + taskStart + " (" + taskCount + ")");
    }
  }

  /** Rows that are all embedding, without a task: every row is the same task. */
  public static FeatureLayout embeddingOnly(int width) {
    return new FeatureLayout(width, width, 0);
  }

  /** The row's task, by the one-hot (0 when rows carry none). */
  public int task(double[] row) {
    for (int t = 0; t < taskCount; t++) {
      if (row[taskStart + t] == 1) {
        return t;
      }
    }
    return 0;
  }
}
