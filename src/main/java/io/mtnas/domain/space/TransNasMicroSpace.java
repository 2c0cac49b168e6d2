package io.mtnas.domain.space;

import java.util.List;

/**
 * The TransNAS-Bench-101 micro cell: 6 edges, operations none, skip_connect, nor_conv_1x1,
 * nor_conv_3x3, official string {@code 64-41414-a_bc_def} (fixed macro skeleton).
 */
public final class TransNasMicroSpace extends CellSpace {
  static final TransNasMicroSpace INSTANCE = new TransNasMicroSpace();
  static final String PREFIX = "64-41414-";

  private TransNasMicroSpace() {
    super("transnas-micro", List.of("none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3"));
  }

  @Override
  public Architecture parse(String encoded) {
    // TODO(space): full validation with precise messages
    String cell = encoded.substring(PREFIX.length()).replace("_", "");
    int[] ops = new int[EDGES];
    for (int e = 0; e < EDGES; e++) {
      ops[e] = cell.charAt(e) - '0';
    }
    return of(ops);
  }

  @Override
  public String format(Architecture a) {
    requireOwn(a);
    StringBuilder sb = new StringBuilder(PREFIX);
    for (int e = 0; e < EDGES; e++) {
      if (e == 1 || e == 3) {
        sb.append('_');
      }
      sb.append(a.operation(e));
    }
    return sb.toString();
  }

  @Override
  public Architecture canonical(Architecture architecture) {
    throw new UnsupportedOperationException("TODO(space)");
  }

  @Override
  public CellGraph graph(Architecture architecture) {
    throw new UnsupportedOperationException("TODO(space)");
  }
}
