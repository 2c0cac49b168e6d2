package io.mtnas.domain.population;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Zero-cost screening of random samples: of each consecutive group of {@code groupSize} samples
 * only the one with the best free score stays (a tournament on the proxy), so a pool of uniform
 * samples leans towards the region the proxy likes without collapsing onto its single top
 * architectures. NaN scores lose.
 */
public final class Screening {
  private Screening() {}

  public static List<Candidate> bestOfGroups(
      List<Candidate> samples, int groupSize, ToDoubleFunction<Candidate> score) {
    if (groupSize < 1) {
      throw new IllegalArgumentException("group size must be >= 1, got " + groupSize);
    }
    List<Candidate> kept = new ArrayList<>();
    for (int start = 0; start < samples.size(); start += groupSize) {
      Candidate best = null;
      double bestScore = Double.NaN;
      for (int i = start; i < Math.min(samples.size(), start + groupSize); i++) {
        double s = score.applyAsDouble(samples.get(i));
        // NaN loses to every number, negative infinity included (zero-cost tables hold -inf)
        if (best == null || (!Double.isNaN(s) && (Double.isNaN(bestScore) || s > bestScore))) {
          best = samples.get(i);
          bestScore = s;
        }
      }
      kept.add(best);
    }
    return kept;
  }
}
