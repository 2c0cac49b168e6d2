package io.mtnas.domain.space;

import java.util.List;

/**
 * The TransNAS-Bench-101 micro cell: 6 edges, operations none, skip_connect, nor_conv_1x1,
 * nor_conv_3x3.
 *
 * <p>{@link #parse} accepts, after trimming surrounding whitespace, the official string
 * {@code 64-41414-a_bc_def} (the benchmark's {@code arch_str}: base channels 64 and macro skeleton
 * 41414, both fixed in this space, then a = node1&lt;-node0; b,c = node2&lt;-node0,node1; d,e,f =
 * node3&lt;-node0,node1,node2, each a digit 0..3), the NAS-Bench-201-style cell string (the
 * {@code cell_str} column, e.g. {@code |skip_connect~0|+|none~0|nor_conv_1x1~1|+...}) or the
 * 6-digit op code {@code abcdef}. {@link #format} writes the official string.
 */
public final class TransNasMicroSpace extends CellSpace {
  static final TransNasMicroSpace INSTANCE = new TransNasMicroSpace();
  static final String CHANNELS = "64";
  static final String MACRO = "41414";
  static final String PREFIX = CHANNELS + "-" + MACRO + "-";

  private TransNasMicroSpace() {
    super("transnas-micro", List.of("none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3"));
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
    if (text.startsWith("|")) {
      return CellStrings.parseCellString(this, encoded, text);
    }
    if (CellStrings.isDigits(text)) {
      return CellStrings.parseOpCode(this, encoded, text);
    }
    return parseOfficial(encoded, text);
  }

  private Architecture parseOfficial(String input, String text) {
    String[] parts = text.split("-", -1);
    if (parts.length != 3) {
      throw CellStrings.fail(this, input, "expected 3 '-'-separated parts like \"" + PREFIX
          + "a_bc_def\" (channels, macro skeleton, cell), got " + parts.length);
    }
    if (!parts[0].equals(CHANNELS) || !parts[1].equals(MACRO)) {
      throw CellStrings.fail(this, input, "the macro skeleton is fixed at \"" + CHANNELS + "-" + MACRO
          + "\" in this space, got \"" + parts[0] + "-" + parts[1] + "\"");
    }
    String[] groups = parts[2].split("_", -1);
    if (groups.length != NODES - 1) {
      throw CellStrings.fail(this, input, "cell \"" + parts[2] + "\" must have " + (NODES - 1)
          + " '_'-separated groups (the inputs of nodes 1.." + (NODES - 1) + "), got " + groups.length);
    }
    int[] ops = new int[EDGES];
    for (int node = 1; node < NODES; node++) {
      String group = groups[node - 1];
      if (group.length() != node) {
        throw CellStrings.fail(this, input, "cell group " + node + " \"" + group + "\" must have " + node
            + " digit(s), one per edge into node " + node + ", got " + group.length());
      }
      for (int source = 0; source < node; source++) {
        char c = group.charAt(source);
        if (c < '0' || c >= '0' + operations().size()) {
          throw CellStrings.fail(this, input, "cell group " + node + ", digit " + (source + 1) + " '" + c
              + "' is not an operation (" + CellStrings.digitLegend(operations()) + ")");
        }
        ops[edge(source, node)] = c - '0';
      }
    }
    return of(ops);
  }

  /** The NAS-Bench-201-style cell string of the benchmark's {@code cell_str} column. */
  public String cellString(Architecture a) {
    requireOwn(a);
    return CellStrings.cellString(a);
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
}
