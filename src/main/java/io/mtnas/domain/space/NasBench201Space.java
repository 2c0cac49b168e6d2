package io.mtnas.domain.space;

import java.util.List;

/**
 * The NAS-Bench-201 cell: 6 edges, operations none, skip_connect, nor_conv_1x1, nor_conv_3x3,
 * avg_pool_3x3 (official order), official string {@code |op~0|+|op~0|op~1|+|op~0|op~1|op~2|}.
 */
public final class NasBench201Space extends CellSpace {
  static final NasBench201Space INSTANCE = new NasBench201Space();

  private NasBench201Space() {
    super("nb201", List.of("none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"));
  }

  @Override
  public Architecture parse(String encoded) {
    // TODO(space): full validation with precise messages
    String[] groups = encoded.split("\\+");
    int[] ops = new int[EDGES];
    int e = 0;
    for (String group : groups) {
      for (String token : group.split("\\|")) {
        if (token.isEmpty()) {
          continue;
        }
        String name = token.substring(0, token.indexOf('~'));
        ops[e++] = operations().indexOf(name);
      }
    }
    return of(ops);
  }

  @Override
  public String format(Architecture a) {
    requireOwn(a);
    StringBuilder sb = new StringBuilder();
    for (int e = 0; e < EDGES; e++) {
      if (e == 1 || e == 3) {
        sb.append('+');
      }
      sb.append('|').append(a.operationName(e)).append('~').append(FROM[e]);
      if (e == 0 || e == 2 || e == 5) {
        sb.append('|');
      }
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
