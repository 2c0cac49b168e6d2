package io.mtnas.domain.population;

import io.mtnas.domain.evaluation.Direction;
import io.mtnas.domain.predictor.RankCorrelation;
import io.mtnas.domain.predictor.RetrainSchedule;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Whether a task's zero-cost proxy still deserves to screen samples and take its turns at picking,
 * judged on the task's own results. A proxy mostly separates broken cells from working ones, so the
 * test is how it orders the better half of what the task evaluated, which is where its picks land:
 * on TransNAS room_layout the cell-params proxy ranks all cells with Spearman 0.46 but the upper
 * half with -0.37, and following it there costs more than it gives. Trusted until {@value
 * #MIN_RESULTS} results with a finite proxy exist, then while the Spearman correlation over the
 * upper half is positive. Immutable.
 *
 * <p>The verdict is revisited on the predictor's retrain schedule (every result up to 1,000, then
 * after each 5% growth), so a long search does not sort all its results again after every one.
 */
public final class ProxyTrust {
  static final int MIN_RESULTS = 10;
  private static final RetrainSchedule REVISITS = RetrainSchedule.defaults();

  private final Direction direction;
  private final double[] proxies;
  private final double[] fitnesses;
  private final boolean trusted;

  private ProxyTrust(Direction direction, double[] proxies, double[] fitnesses, boolean trustedBefore) {
    this.direction = direction;
    this.proxies = proxies;
    this.fitnesses = fitnesses;
    int n = proxies.length;
    this.trusted = n < MIN_RESULTS || (REVISITS.trainingPoint(n) == n ? upperHalfCorrelation() > 0 : trustedBefore);
  }

  public static ProxyTrust empty(Direction direction) {
    return new ProxyTrust(direction, new double[0], new double[0], true);
  }

  /** With one more result; a non-finite proxy value is ignored. */
  public ProxyTrust with(double proxy, double fitness) {
    if (!Double.isFinite(proxy) || !Double.isFinite(fitness)) {
      return this;
    }
    double[] p = Arrays.copyOf(proxies, proxies.length + 1);
    double[] f = Arrays.copyOf(fitnesses, fitnesses.length + 1);
    p[proxies.length] = proxy;
    f[fitnesses.length] = fitness;
    return new ProxyTrust(direction, p, f, trusted);
  }

  public boolean trusted() {
    return trusted;
  }

  public int results() {
    return proxies.length;
  }

  /** Spearman correlation of proxy and goodness over the better half of the results. */
  double upperHalfCorrelation() {
    Integer[] order = IntStream.range(0, fitnesses.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, (a, b) -> direction.compareBestFirst(fitnesses[a], fitnesses[b]));
    int half = (order.length + 1) / 2;
    double[] p = new double[half];
    double[] g = new double[half];
    for (int i = 0; i < half; i++) {
      p[i] = proxies[order[i]];
      g[i] = direction == Direction.MAX ? fitnesses[order[i]] : -fitnesses[order[i]];
    }
    return RankCorrelation.spearman(p, g);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProxyTrust other && direction == other.direction && trusted == other.trusted
        && Arrays.equals(proxies, other.proxies) && Arrays.equals(fitnesses, other.fitnesses);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(proxies) * 31 + Boolean.hashCode(trusted);
  }
}
