package io.mtnas.domain.search;

import io.mtnas.domain.predictor.ProxySource;
import io.mtnas.domain.predictor.RetrainSchedule;
import io.mtnas.domain.predictor.Regressor;
import java.util.Optional;

/**
 * What guided searches need from the edges: the free proxy signals of architectures (a benchmark
 * table's zero-cost columns), the regression library the predictors train with and when they
 * retrain (configuration), and the results of earlier searches a search starts from.
 */
public record SearchResources(ProxySource proxies, Optional<Regressor> regressor, RetrainSchedule retrain,
    PriorResults prior) {
  /** With the default retrain schedule. */
  public SearchResources(ProxySource proxies, Optional<Regressor> regressor) {
    this(proxies, regressor, RetrainSchedule.defaults());
  }

  /** With no earlier results. */
  public SearchResources(ProxySource proxies, Optional<Regressor> regressor, RetrainSchedule retrain) {
    this(proxies, regressor, retrain, PriorResults.none());
  }

  /** The same, starting from earlier searches' results. */
  public SearchResources withPrior(PriorResults earlier) {
    return new SearchResources(proxies, regressor, retrain, earlier);
  }

  public static SearchResources none() {
    return new SearchResources(ProxySource.NONE, Optional.empty());
  }
}
