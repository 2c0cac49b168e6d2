package io.mtnas.adapter.spec;

import java.util.Comparator;
import java.util.List;

/**
 * "Did you mean" for a column name: known names that contain the wanted one first (so
 * {@code cifar100_val_acc_200ep} suggests {@code cifar100_val_acc_200ep_derived}), then the
 * closest by edit distance.
 */
final class ColumnHints {
  private ColumnHints() {}

  static String suggest(String wanted, List<String> known) {
    List<String> close = known.stream()
        .sorted(Comparator.comparing((String k) -> !k.contains(wanted))
            .thenComparingInt(k -> distance(wanted, k))
            .thenComparing(k -> k))
        .limit(3)
        .toList();
    return close.isEmpty() ? "" : "; closest columns: " + close + " (all " + known.size() + " in docs/spec.md)";
  }

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
