package io.mtnas.adapter.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Parses seed lists such as {@code 1..30}, {@code 1,2,7} or {@code 1..5,10}. */
public final class SeedRange {
  private SeedRange() {}

  public static List<Long> parse(String text) {
    LinkedHashSet<Long> seeds = new LinkedHashSet<>();
    for (String part : text.split(",")) {
      String p = part.strip();
      try {
        int dots = p.indexOf("..");
        if (dots >= 0) {
          long from = Long.parseLong(p.substring(0, dots).strip());
          long to = Long.parseLong(p.substring(dots + 2).strip());
          if (to < from) {
            throw new IllegalArgumentException("seed range \"" + p + "\" ends before it starts");
          }
          if (to - from >= 100_000) {
            throw new IllegalArgumentException("seed range \"" + p + "\" is too long");
          }
          for (long s = from; s <= to; s++) {
            seeds.add(s);
          }
        } else {
          seeds.add(Long.parseLong(p));
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "seeds must look like 1..30 or 1,2,7; \"" + p + "\" is not a number or range");
      }
    }
    return new ArrayList<>(seeds);
  }
}
