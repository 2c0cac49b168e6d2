package io.mtnas.domain.search;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where a task that joins a running search takes its first population from (the ablations of
 * docs/spec.md): random architectures ({@code cold}), the search's archive ranked by the shared
 * predictor ({@code predictor}), the other tasks' current populations ({@code transfer}), or both,
 * alternating. {@code both}, the default, uses what the search has (a search without a predictor
 * warm-starts by transfer alone, one without either starts cold).
 */
public enum JoinStart {
  COLD,
  PREDICTOR,
  TRANSFER,
  BOTH;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static JoinStart parse(String id) {
    return Arrays.stream(values()).filter(v -> v.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("join_start must be one of \"cold\", \"predictor\","
            + " \"transfer\", \"both\", got \"" + id + "\""));
  }

  public boolean usesPredictor() {
    return this == PREDICTOR || this == BOTH;
  }

  public boolean usesTransfer() {
    return this == TRANSFER || this == BOTH;
  }
}
