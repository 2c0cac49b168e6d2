package io.mtnas.domain.search;

import java.util.Objects;

/**
 * How each task's population evolves.
 *
 * @param kind random search or regularized evolution
 * @param populationSize K: individuals alive at once (REA: the oldest dies when a child is added)
 * @param tournamentSize S: individuals sampled per tournament (REA)
 * @param avoidSeen whether mutation and sampling skip architectures this task already proposed
 * @param parallelism evaluations a population keeps outstanding at once (0: as many as workers)
 * @param embedding the architecture embedding the predictor and the transfer vote use ({@code wl},
 *     {@code path}, {@code node2vec}, or {@code onehot}, which is "embedding off")
 * @param guidance how a population picks among its candidates (predictor, zero-cost proxies)
 * @param transfer cross-task transfer
 */
public record StrategySpec(
    Kind kind,
    int populationSize,
    int tournamentSize,
    boolean avoidSeen,
    int parallelism,
    String embedding,
    GuidanceSpec guidance,
    TransferSpec transfer) {

  public static final String DEFAULT_EMBEDDING = "wl";

  public enum Kind {
    RANDOM("random"),
    REA("rea");

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    public static Kind parse(String text) {
      for (Kind k : values()) {
        if (k.id.equalsIgnoreCase(text)) {
          return k;
        }
      }
      throw new IllegalArgumentException(
          "strategy must be one of \"random\", \"rea\", got \"" + text + "\"");
    }
  }

  public StrategySpec {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(embedding, "embedding");
    Objects.requireNonNull(guidance, "guidance");
    Objects.requireNonNull(transfer, "transfer");
    if (populationSize < 1) {
      throw new IllegalArgumentException("population size must be >= 1, got " + populationSize);
    }
    if (tournamentSize < 1 || tournamentSize > populationSize) {
      throw new IllegalArgumentException(
          "tournament size must be in 1.." + populationSize + ", got " + tournamentSize);
    }
    if (parallelism < 0) {
      throw new IllegalArgumentException("parallelism must be >= 0, got " + parallelism);
    }
  }

  /** Plain evolution: no predictor, no proxies, no transfer. */
  public StrategySpec(Kind kind, int populationSize, int tournamentSize, boolean avoidSeen, int parallelism) {
    this(kind, populationSize, tournamentSize, avoidSeen, parallelism, DEFAULT_EMBEDDING, GuidanceSpec.none(),
        TransferSpec.none());
  }

  public static StrategySpec rea(int populationSize, int tournamentSize) {
    return new StrategySpec(Kind.REA, populationSize, tournamentSize, true, 0);
  }

  public static StrategySpec random() {
    return new StrategySpec(Kind.RANDOM, 1, 1, true, 0);
  }

  public StrategySpec withKind(Kind newKind) {
    return new StrategySpec(newKind, populationSize, tournamentSize, avoidSeen, parallelism, embedding, guidance,
        transfer);
  }

  public StrategySpec withEmbedding(String newEmbedding) {
    return new StrategySpec(kind, populationSize, tournamentSize, avoidSeen, parallelism, newEmbedding, guidance,
        transfer);
  }

  public StrategySpec withGuidance(GuidanceSpec newGuidance) {
    return new StrategySpec(kind, populationSize, tournamentSize, avoidSeen, parallelism, embedding, newGuidance,
        transfer);
  }

  public StrategySpec withTransfer(TransferSpec newTransfer) {
    return new StrategySpec(kind, populationSize, tournamentSize, avoidSeen, parallelism, embedding, guidance,
        newTransfer);
  }
}
