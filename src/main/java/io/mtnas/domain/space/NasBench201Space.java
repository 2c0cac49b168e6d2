package io.mtnas.domain.space;

import java.util.List;

/**
 * The NAS-Bench-201 cell: 6 edges, operations none, skip_connect, nor_conv_1x1, nor_conv_3x3,
 * avg_pool_3x3 (official order).
 *
 * <p>{@link #parse} accepts, after trimming surrounding whitespace, the official string
 * {@code |op~0|+|op~0|op~1|+|op~0|op~1|op~2|} (the benchmark's {@code arch_str}; group k lists
 * node k's incoming edges, {@code ~i} is the source node) or the 6-digit op code (the benchmark's
 * {@code op_code}, e.g. {@code 421211}, one operation index per edge in edge order).
 * {@link #format} writes the official string.
 */
public final class NasBench201Space extends CellSpace {
  static final NasBench201Space INSTANCE = new NasBench201Space();

  private NasBench201Space() {
    super("nb201", List.of("none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"));
  }

  @Override
  public Architecture parse(String encoded) {
    if (encoded == null) {
      throw CellStrings.fail(this, null, "input is null");
    }
    String text = encoded.strip();
    if (text.isEmpty()) {
      throw CellStrings.fail(this, encoded, "input is blank");
    }
    return CellStrings.isDigits(text)
        ? CellStrings.parseOpCode(this, encoded, text)
        : CellStrings.parseCellString(this, encoded, text);
  }

  @Override
  public String format(Architecture a) {
    requireOwn(a);
    return CellStrings.cellString(a);
  }
}
