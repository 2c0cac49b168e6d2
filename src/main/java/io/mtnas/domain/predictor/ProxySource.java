package io.mtnas.domain.predictor;

import io.mtnas.domain.space.Architecture;

/**
 * Free low-fidelity signals of an architecture (zero-cost proxies, parameters, FLOPs), by metric
 * name; NaN where there is none. Looking one up costs no evaluation.
 */
public interface ProxySource {
  double value(String metric, Architecture architecture);

  ProxySource NONE = (metric, architecture) -> Double.NaN;
}
