package io.mtnas.adapter.benchmark;

import io.mtnas.domain.predictor.ProxySource;
import io.mtnas.domain.space.Architecture;

/** A benchmark table's columns as free proxy signals (zero-cost scores, params, FLOPs). */
public final class TableProxySource implements ProxySource {
  private final BenchmarkTable table;

  public TableProxySource(BenchmarkTable table) {
    this.table = table;
  }

  @Override
  public double value(String metric, Architecture architecture) {
    return table.hasColumn(metric) ? table.value(metric, architecture) : Double.NaN;
  }
}
