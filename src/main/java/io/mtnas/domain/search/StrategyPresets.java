package io.mtnas.domain.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Named strategy variants for benchmarks and ablations, each a change to a spec's strategy (its
 * population, tournament and transfer settings are kept; candidates default to
 * {@value #DEFAULT_CANDIDATES} when the spec has none):
 *
 * <ul>
 *   <li>{@code random}: random search; {@code rea}: plain regularized evolution;
 *   <li>{@code rea-zc}: REA ranking its candidates by the task's zero-cost proxy;
 *   <li>{@code random-transfer}: REA with random transfer (the implicit transfer of MT-NAS);
 *   <li>{@code rank-onehot}: REA with transfer rank on the raw one-hot encoding (embedding off);
 *   <li>{@code rank}: REA with transfer rank on the embedding;
 *   <li>{@code ktnas}: transfer rank plus the shared predictor with zero-cost inputs;
 *   <li>{@code ktnas-nozc}: the same without zero-cost signals;
 *   <li>{@code ktnas-wide}: {@code ktnas} with {@value #WIDE_SAMPLES} samples per pool, for spaces
 *       without zero-cost signals (TransNAS), where unscreened samples need a wider net;
 *   <li>{@code ktnas-gp}: transfer rank plus a multi-task Gaussian process on the live one-hot
 *       encoding, choosing by expected improvement among {@value #WIDE_SAMPLES} unscreened
 *       samples, the mutants and the incumbent's neighbours (the process reads no proxy inputs);
 *   <li>{@code spec}: the spec's strategy unchanged.
 * </ul>
 */
public final class StrategyPresets {
  public static final int DEFAULT_CANDIDATES = 20;
  public static final int DEFAULT_SAMPLES = 100;
  /** Samples per pool of {@code ktnas-wide}: for spaces without zero-cost signals to screen them. */
  public static final int WIDE_SAMPLES = 1000;

  /** The embedding of {@code ktnas-gp}: its kernel counts the edges whose live operation differs. */
  public static final String GP_EMBEDDING = "live-onehot";

  private static final Map<String, UnaryOperator<StrategySpec>> PRESETS = new LinkedHashMap<>();

  static {
    PRESETS.put("random", s -> plain(s).withKind(StrategySpec.Kind.RANDOM));
    PRESETS.put("rea", StrategyPresets::plain);
    PRESETS.put("rea-zc", s -> plain(s).withGuidance(new GuidanceSpec(candidates(s), 0, false, false, true, true)));
    PRESETS.put("random-transfer", s -> plain(s).withTransfer(s.transfer().withMode(TransferSpec.Mode.RANDOM)));
    PRESETS.put("rank-onehot",
        s -> plain(s).withEmbedding("onehot").withTransfer(s.transfer().withMode(TransferSpec.Mode.RANK)));
    PRESETS.put("rank", s -> plain(s).withEmbedding(embedding(s)).withTransfer(s.transfer().withMode(TransferSpec.Mode.RANK)));
    PRESETS.put("ktnas", s -> plain(s).withEmbedding(embedding(s))
        .withGuidance(new GuidanceSpec(candidates(s), samples(s), true, true, true, true))
        .withTransfer(s.transfer().withMode(TransferSpec.Mode.RANK)));
    PRESETS.put("ktnas-nozc", s -> plain(s).withEmbedding(embedding(s))
        .withGuidance(new GuidanceSpec(candidates(s), samples(s), true, true, true, false))
        .withTransfer(s.transfer().withMode(TransferSpec.Mode.RANK)));
    PRESETS.put("ktnas-wide", s -> plain(s).withEmbedding(embedding(s))
        .withGuidance(new GuidanceSpec(candidates(s), WIDE_SAMPLES, true, true, true, true))
        .withTransfer(s.transfer().withMode(TransferSpec.Mode.RANK)));
    PRESETS.put("ktnas-gp", s -> plain(s).withEmbedding(GP_EMBEDDING)
        .withGuidance(new GuidanceSpec(candidates(s), WIDE_SAMPLES, true, true, true, false, GuidanceSpec.Model.GP,
            s.guidance().gp()))
        .withTransfer(s.transfer().withMode(TransferSpec.Mode.RANK)));
    PRESETS.put("spec", s -> s);
  }

  private StrategyPresets() {}

  public static List<String> names() {
    return List.copyOf(PRESETS.keySet());
  }

  /** The named variant of a strategy; the error lists the names. */
  public static StrategySpec apply(String name, StrategySpec base) {
    UnaryOperator<StrategySpec> preset = PRESETS.get(name);
    if (preset == null) {
      throw new IllegalArgumentException("unknown strategy \"" + name + "\"; known: " + names());
    }
    return preset.apply(base);
  }

  private static StrategySpec plain(StrategySpec s) {
    return s.withKind(StrategySpec.Kind.REA)
        .withEmbedding(embedding(s))
        .withGuidance(GuidanceSpec.none())
        .withTransfer(s.transfer().withMode(TransferSpec.Mode.NONE));
  }

  private static int candidates(StrategySpec s) {
    return s.guidance().candidates() > 1 ? s.guidance().candidates() : DEFAULT_CANDIDATES;
  }

  private static int samples(StrategySpec s) {
    return s.guidance().samples() > 0 ? s.guidance().samples() : DEFAULT_SAMPLES;
  }

  private static String embedding(StrategySpec s) {
    return s.embedding().equals("onehot") ? StrategySpec.DEFAULT_EMBEDDING : s.embedding();
  }
}
