package io.mtnas.actor;

import io.mtnas.domain.predictor.ProxySource;
import io.mtnas.domain.predictor.Regressor;
import java.util.Optional;

/**
 * What guided searches need from the edges: the free proxy signals of architectures (a benchmark
 * table's zero-cost columns) and the regression library the predictors train with.
 */
public record SearchResources(ProxySource proxies, Optional<Regressor> regressor) {
  public static SearchResources none() {
    return new SearchResources(ProxySource.NONE, Optional.empty());
  }
}
