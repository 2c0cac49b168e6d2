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
  TRANSFER;

  /** Lowercase name for reports and logs. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
