package io.mtnas.domain.population;

import io.mtnas.domain.search.GuidanceSpec;
import io.mtnas.domain.space.Architecture;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;

/**
 * How a guided population builds its candidate pool and orders it, pure in (state, draws): the
 * strategy's own candidates first, then competing transfers, the incumbent's unseen neighbours and
 * uniform samples (screened by the free proxy when there is one), each architecture once; ranked by
 * the predictor's scores, else by the proxy, else left in that order.
 */
public final class GuidedChoice {
  /** Uniform samples per zero-cost tournament when screening samples. */
  static final int SCREEN_GROUP = 10;
  /** Share of a predicted population's picks made by the proxy or the strategy instead. */
  static final double OTHER_TURN = 0.2;

  private GuidedChoice() {}

  /**
   * @param transfers this round's transferred architectures that compete in the pool (empty when
   *     transfers are evaluated directly)
   * @param proxy the task's first zero-cost proxy, when the guidance may use one
   * @param slots free evaluation slots: the pool holds {@code candidates} and {@code samples} per slot
   */
  public static List<Candidate> pool(
      PopulationState state,
      GuidanceSpec guidance,
      List<Architecture> transfers,
      Optional<ToDoubleFunction<Architecture>> proxy,
      int slots,
      RandomGenerator rng) {
    Map<Architecture, Candidate> pool = new LinkedHashMap<>();
    state.candidates(rng, guidance.candidates() * slots).forEach(c -> pool.putIfAbsent(c.architecture(), c));
    List<Candidate> extra = new ArrayList<>();
    for (Architecture a : transfers) {
      if (!state.hasSeen(a)) {
        extra.add(new Candidate(state.nextJobId(), a, Origin.TRANSFER, Optional.empty()));
      }
    }
    if (guidance.incumbentNeighbours()) {
      extra.addAll(state.incumbentNeighbours());
    }
    extra.addAll(samples(state, guidance.samples() * slots, proxy, rng));
    extra.forEach(c -> pool.putIfAbsent(c.architecture(), c));
    return List.copyOf(pool.values());
  }

  /** Uniform unseen samples, screened by the zero-cost proxy when there is one. */
  private static List<Candidate> samples(
      PopulationState state, int count, Optional<ToDoubleFunction<Architecture>> proxy, RandomGenerator rng) {
    if (count == 0) {
      return List.of();
    }
    if (proxy.isEmpty()) {
      return state.samples(rng, count);
    }
    return Screening.bestOfGroups(state.samples(rng, count * SCREEN_GROUP), SCREEN_GROUP,
        c -> proxy.get().applyAsDouble(c.architecture()));
  }

  /**
   * Share of a predicted population's picks that are not the predictor's: none for a Gaussian
   * process, whose expected improvement already explores (measured: TransNAS average rank 9.0
   * with none, 12.4 with one in five).
   */
  public static double otherTurnShare(GuidanceSpec guidance) {
    return guidance.model() == GuidanceSpec.Model.GP ? 0 : OTHER_TURN;
  }

  /**
   * The pool best first: by the predictor's scores when there are any, else by the proxy, else in
   * the pool's own order. A share of the picks ({@code otherTurnShare}; one in five for trees) is
   * not the predictor's even when it has scores: a tree model trained on one basin keeps choosing
   * that basin, and with a shared model all tasks get stuck together, so the proxy decides
   * instead, or, without one, the strategy's own first candidate leads, as plain evolution would.
   */
  public static List<Candidate> ranked(
      List<Candidate> pool,
      Optional<double[]> predicted,
      Optional<ToDoubleFunction<Architecture>> proxy,
      double otherTurnShare,
      RandomGenerator rng) {
    boolean otherTurn = predicted.isPresent() && rng.nextDouble() < otherTurnShare;
    double[] scores = predicted.isPresent() && !otherTurn ? predicted.get() : proxyScores(pool, proxy);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < pool.size(); i++) {
      order.add(i);
    }
    if (scores != null) {
      order.sort(Comparator.comparingDouble((Integer i) -> Double.isNaN(scores[i]) ? Double.NEGATIVE_INFINITY : -scores[i]));
    }
    return order.stream().map(pool::get).toList();
  }

  /** The proxy's values, non-finite ones last; null without a proxy. */
  private static double[] proxyScores(List<Candidate> pool, Optional<ToDoubleFunction<Architecture>> proxy) {
    if (proxy.isEmpty()) {
      return null;
    }
    double[] s = new double[pool.size()];
    for (int i = 0; i < s.length; i++) {
      double v = proxy.get().applyAsDouble(pool.get(i).architecture());
      s[i] = Double.isFinite(v) ? v : Double.NEGATIVE_INFINITY;
    }
    return s;
  }
}
