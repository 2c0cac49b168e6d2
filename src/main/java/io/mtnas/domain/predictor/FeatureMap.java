package io.mtnas.domain.predictor;

import io.mtnas.domain.embedding.Embedder;
import io.mtnas.domain.space.Architecture;
import java.util.List;

/**
 * The predictor's inputs for (task, architecture): the architecture's embedding, its free proxy
 * signals (signed log, since synflow spans 60 orders of magnitude; non-finite values become
 * missing), a one-hot of the task so one model can learn from every task's results, and, per
 * task, what that task measured for this architecture (missing when it did not evaluate it, and
 * always missing for the row's own task).
 */
public final class FeatureMap {
  private final Embedder embedder;
  private final ProxySource proxies;
  private final List<String> proxyMetrics;
  private final List<String> tasks;

  public FeatureMap(Embedder embedder, ProxySource proxies, List<String> proxyMetrics, List<String> tasks) {
    this.embedder = embedder;
    this.proxies = proxies;
    this.proxyMetrics = List.copyOf(proxyMetrics);
    this.tasks = List.copyOf(tasks);
  }

  public int width() {
    return embedder.dimension() + proxyMetrics.size() + 2 * tasks.size();
  }

  /** Where the embedding and the task one-hot lie in a row. */
  public FeatureLayout layout() {
    return new FeatureLayout(embedder.dimension(), embedder.dimension() + proxyMetrics.size(), tasks.size());
  }

  public List<String> tasks() {
    return tasks;
  }

  /** The same encoding over another list of tasks (a task joined the search). */
  public FeatureMap withTasks(List<String> newTasks) {
    return newTasks.equals(tasks) ? this : new FeatureMap(embedder, proxies, proxyMetrics, newTasks);
  }

  public double[] row(String task, Architecture architecture) {
    return row(task, architecture, CrossTaskValues.none());
  }

  public double[] row(String task, Architecture architecture, CrossTaskValues cross) {
    double[] row = new double[width()];
    embedder.embed(architecture).copyInto(row, 0);
    int offset = embedder.dimension();
    for (int i = 0; i < proxyMetrics.size(); i++) {
      row[offset + i] = signedLog(proxies.value(proxyMetrics.get(i), architecture));
    }
    offset += proxyMetrics.size();
    int t = tasks.indexOf(task);
    if (t < 0) {
      throw new IllegalArgumentException("unknown task \"" + task + "\"; known: " + tasks);
    }
    row[offset + t] = 1;
    offset += tasks.size();
    for (int j = 0; j < tasks.size(); j++) {
      row[offset + j] = j == t ? Double.NaN : cross.value(tasks.get(j), architecture);
    }
    return row;
  }

  static double signedLog(double v) {
    if (!Double.isFinite(v)) {
      return Double.NaN;
    }
    return Math.signum(v) * Math.log1p(Math.abs(v));
  }
}
