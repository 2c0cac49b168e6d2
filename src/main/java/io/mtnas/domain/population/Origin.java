package io.mtnas.domain.population;

import java.util.Locale;

/** How a candidate came to be proposed. */
public enum Origin {
  /** Sampled uniformly from the space. */
  RANDOM,
  /** A mutation of one living individual. */
  MUTATION,
  /** A crossover of two individuals. */
  CROSSOVER,
  /** Supplied from another task's population. */
  TRANSFER,
  /** A joining task's first population: from the search's archive, ranked by the shared predictor. */
  WARM_PREDICTOR,
  /** A joining task's first population: from the other tasks' current populations. */
  WARM_TRANSFER;

  /** Lowercase name for reports and logs ({@code warm-predictor}, ...). */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
