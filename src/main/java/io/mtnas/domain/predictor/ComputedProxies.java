package io.mtnas.domain.predictor;

import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.space.CellGraph;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Free signals computed from the cell itself, for spaces whose tables carry no zero-cost columns
 * (TransNAS-Bench-101 micro). {@value #CELL_PARAMS}: the weights of the cell's convolutions that
 * lie on an input-to-output path, in units of C squared (a KxK convolution counts K*K). It is the
 * "params" baseline of the zero-cost literature without the dead operations that a parameter count
 * of the built network includes; on TransNAS micro its Spearman correlation with the final
 * validation metric is 0.63 (class_object), 0.84 (class_scene) and 0.46 (room_layout), above the
 * synflow our trainer computes for the same cells (docs/benchmarks.md).
 */
public final class ComputedProxies implements ProxySource {
  public static final String CELL_PARAMS = "cell_params";
  public static final Set<String> METRICS = Set.of(CELL_PARAMS);

  private static final Pattern CONV = Pattern.compile("conv_(\\d+)x(\\d+)$");

  /** Screening, the proxy trust and every predictor row ask again for the same cells: compute each once. */
  private final Map<Architecture, Double> cellParams = new ConcurrentHashMap<>();

  @Override
  public double value(String metric, Architecture architecture) {
    return CELL_PARAMS.equals(metric)
        ? cellParams.computeIfAbsent(architecture, a -> liveConvParams(a.space().graph(a)))
        : Double.NaN;
  }

  /** This source for its own metrics, {@code fallback} (a table's columns) for every other. */
  public ProxySource before(ProxySource fallback) {
    return (metric, architecture) ->
        METRICS.contains(metric) ? value(metric, architecture) : fallback.value(metric, architecture);
  }

  /** Convolution weights (per C squared) of the operation nodes on an input-to-output path. */
  static double liveConvParams(CellGraph graph) {
    boolean[] live = graph.liveNodes();
    double params = 0;
    for (int node = 0; node < graph.nodeCount(); node++) {
      if (live[node]) {
        params += convWeights(graph.labels().get(node));
      }
    }
    return params;
  }

  private static double convWeights(String operation) {
    Matcher m = CONV.matcher(operation);
    return m.find() ? Double.parseDouble(m.group(1)) * Double.parseDouble(m.group(2)) : 0;
  }
}
