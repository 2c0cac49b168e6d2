package io.mtnas.domain.space;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * NAS-Bench-201's isomorphism rule, {@code to_unique_str(consider_zero=True)} of xautodl, which the
 * benchmark tables' isomorphism columns were made with. Each node gets a string: node 0 is
 * {@code 0}; an incoming edge contributes {@code #} (zero) when its operation is none or its
 * source node's string is exactly {@code #}, the source string itself for skip_connect, and
 * {@code (source)@op} otherwise; a node is the sorted {@code +}-join of its terms. Two cells are
 * isomorphic when their output nodes' strings are equal.
 */
final class CellIsomorphism {
  static final String NONE = "none";
  static final String SKIP = "skip_connect";
  private static final String ZERO = "#";

  private CellIsomorphism() {}

  /** The output node's string of the rule above. */
  static String uniqueString(Architecture a) {
    String[] node = new String[CellSpace.NODES];
    node[0] = "0";
    for (int target = 1; target < CellSpace.NODES; target++) {
      String[] terms = new String[target];
      for (int source = 0; source < target; source++) {
        String op = a.operationName(CellSpace.edge(source, target));
        // Only a node that is literally "#" counts as zero: a node fed by several zero edges is
        // "#+#" and stays non-zero downstream. That quirk is the official rule (it gives the
        // published 6,466 NB201 classes; a semantic zero test would give 6,285), so keep it.
        if (op.equals(NONE) || node[source].equals(ZERO)) {
          terms[source] = ZERO;
        } else if (op.equals(SKIP)) {
          terms[source] = node[source];
        } else {
          terms[source] = "(" + node[source] + ")@" + op;
        }
      }
      Arrays.sort(terms); // String order = Python's str order on these ASCII strings
      node[target] = String.join("+", terms);
    }
    return node[CellSpace.NODES - 1];
  }

  /** For each code index, the smallest code index with the same unique string. */
  static int[] representatives(CellSpace space) {
    int size = Math.toIntExact(space.size());
    int[] representative = new int[size];
    Map<String, Integer> firstByKey = new HashMap<>();
    for (int index = 0; index < size; index++) {
      // Ascending indices: the first member seen of a class is its smallest.
      Integer first = firstByKey.putIfAbsent(uniqueString(space.fromIndex(index)), index);
      representative[index] = first == null ? index : first;
    }
    return representative;
  }
}
