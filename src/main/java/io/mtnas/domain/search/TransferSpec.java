package io.mtnas.domain.search;

import java.util.Locale;
import java.util.Objects;

/**
 * Cross-task transfer (ktnas.md sections 3 and 4, in steady state): once per round (every
 * population_size evaluations of the target) up to {@code count} architectures from the other
 * tasks' current populations are evaluated on the target and join its population.
 *
 * @param mode none, random (the implicit transfer of MT-NAS and EMT-NAS) or rank (KTNAS's
 *     transfer rank: a 1-nearest-neighbour vote of the target's labelled transfer history)
 * @param count n, architectures transferred per round
 * @param eliteRatio r: a transferred architecture is labelled positive when one of its children
 *     reaches the top r of the target's population
 * @param negativeWindow m: negative labels count for this many rounds, positives for ever
 */
public record TransferSpec(Mode mode, int count, double eliteRatio, int negativeWindow) {
  public enum Mode {
    NONE,
    RANDOM,
    RANK;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Mode parse(String text) {
      for (Mode m : values()) {
        if (m.id().equalsIgnoreCase(text)) {
          return m;
        }
      }
      throw new IllegalArgumentException("transfer mode must be one of \"none\", \"random\", \"rank\", got \""
          + text + "\"");
    }
  }

  public TransferSpec {
    Objects.requireNonNull(mode, "mode");
    if (count < 1) {
      throw new IllegalArgumentException("transfer count must be >= 1, got " + count);
    }
    if (!(eliteRatio > 0) || eliteRatio > 1) {
      throw new IllegalArgumentException("elite ratio must be in (0, 1], got " + eliteRatio);
    }
    if (negativeWindow < 1) {
      throw new IllegalArgumentException("negative window must be >= 1, got " + negativeWindow);
    }
  }

  /** KTNAS's Table I settings (n = 4, r = 20%, m = 5) with transfer off. */
  public static TransferSpec none() {
    return new TransferSpec(Mode.NONE, 4, 0.2, 5);
  }

  public TransferSpec withMode(Mode newMode) {
    return new TransferSpec(newMode, count, eliteRatio, negativeWindow);
  }

  public boolean enabled() {
    return mode != Mode.NONE;
  }
}
