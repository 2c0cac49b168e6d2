package io.mtnas.domain.space;

import java.util.List;

/**
 * The textual forms the cell spaces share: the NAS-Bench-201 cell string
 * {@code |op~0|+|op~0|op~1|+|op~0|op~1|op~2|} (TransNAS-Bench-101 tables use it too, as
 * {@code cell_str}) and the 6-digit op code (operation index per edge, in edge order). Parsing is
 * strict and reports the first problem with its position; groups and edges count from 1.
 */
final class CellStrings {
  private CellStrings() {}

  /** The cell string: group k lists node k's incoming edges, from node 0 up. */
  static String cellString(Architecture a) {
    StringBuilder sb = new StringBuilder();
    for (int node = 1; node < CellSpace.NODES; node++) {
      if (node > 1) {
        sb.append('+');
      }
      sb.append('|');
      for (int source = 0; source < node; source++) {
        sb.append(a.operationName(CellSpace.edge(source, node))).append('~').append(source).append('|');
      }
    }
    return sb.toString();
  }

  /** The op code: one digit per edge, in edge order. */
  static String opCode(Architecture a) {
    StringBuilder sb = new StringBuilder(CellSpace.EDGES);
    for (int e = 0; e < CellSpace.EDGES; e++) {
      sb.append(a.operation(e));
    }
    return sb.toString();
  }

  static boolean isDigits(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** "0 none, 1 skip_connect, ...": what each operation digit means, for error messages. */
  static String digitLegend(List<String> operations) {
    StringBuilder sb = new StringBuilder();
    for (int op = 0; op < operations.size(); op++) {
      sb.append(op == 0 ? "" : ", ").append(op).append(' ').append(operations.get(op));
    }
    return sb.toString();
  }

  /** Parses {@code text} (the trimmed {@code input}) as a cell string. */
  static Architecture parseCellString(CellSpace space, String input, String text) {
    int groupCount = CellSpace.NODES - 1;
    String[] groups = text.split("\\+", -1);
    if (groups.length != groupCount) {
      throw fail(space, input, "expected " + groupCount + " '+'-separated groups (the inputs of nodes 1.."
          + groupCount + "), got " + groups.length);
    }
    int[] ops = new int[CellSpace.EDGES];
    for (int node = 1; node < CellSpace.NODES; node++) {
      String group = groups[node - 1];
      if (group.length() < 2 || group.charAt(0) != '|' || group.charAt(group.length() - 1) != '|') {
        throw fail(space, input, "group " + node + " \"" + group + "\" must start and end with '|'");
      }
      String[] edges = group.substring(1, group.length() - 1).split("\\|", -1);
      if (edges.length != node) {
        throw fail(space, input, "group " + node + " \"" + group + "\" has " + edges.length
            + " edge(s), expected " + node + " (one from each of nodes 0.." + (node - 1) + ")");
      }
      for (int source = 0; source < node; source++) {
        ops[CellSpace.edge(source, node)] = parseEdge(space, input, node, source, edges[source]);
      }
    }
    return space.of(ops);
  }

  private static int parseEdge(CellSpace space, String input, int node, int source, String token) {
    String where = "group " + node + ", edge " + (source + 1);
    if (token.isEmpty()) {
      throw fail(space, input, where + " is empty");
    }
    where += " \"" + token + "\"";
    int tilde = token.indexOf('~');
    if (tilde < 0) {
      throw fail(space, input, where + ": missing '~' between operation and source node");
    }
    String name = token.substring(0, tilde);
    int op = space.operations().indexOf(name);
    if (op < 0) {
      throw fail(space, input, where + ": unknown operation \"" + name + "\" (known: "
          + String.join(", ", space.operations()) + ")");
    }
    String sourceText = token.substring(tilde + 1);
    if (!isDigits(sourceText)) {
      throw fail(space, input, where + ": source node \"" + sourceText + "\" is not a number");
    }
    // Exact text, not the parsed value: "~00" would not survive a format round trip.
    if (!sourceText.equals(Integer.toString(source))) {
      throw fail(space, input, where + ": source node must be " + source + " (node " + node
          + " lists its inputs from node 0 up), got " + sourceText);
    }
    return op;
  }

  /** Parses {@code digits} (the trimmed {@code input}, all ASCII digits) as an op code. */
  static Architecture parseOpCode(CellSpace space, String input, String digits) {
    if (digits.length() != CellSpace.EDGES) {
      throw fail(space, input, "op code must have " + CellSpace.EDGES
          + " digits (edges 1<-0, 2<-0, 2<-1, 3<-0, 3<-1, 3<-2), got " + digits.length());
    }
    int[] ops = new int[CellSpace.EDGES];
    for (int e = 0; e < CellSpace.EDGES; e++) {
      ops[e] = digits.charAt(e) - '0';
      if (ops[e] >= space.operations().size()) {
        throw fail(space, input, "op code digit " + (e + 1) + " '" + digits.charAt(e)
            + "' is not an operation (" + digitLegend(space.operations()) + ")");
      }
    }
    return space.of(ops);
  }

  static ArchitectureFormatException fail(SearchSpace space, String input, String problem) {
    return new ArchitectureFormatException(space.id(), input, problem);
  }
}
