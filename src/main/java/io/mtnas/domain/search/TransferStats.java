package io.mtnas.domain.search;

/**
 * How transfers from one task into another went: evaluated on the target, then labelled positive
 * (a child reached the target's elite), negative (aged out without one), or still undecided when
 * the search ended. Negative transfer made visible.
 */
public record TransferStats(String source, String target, int transferred, int positive, int negative) {
  public int undecided() {
    return transferred - positive - negative;
  }

  public TransferStats plusTransferred() {
    return new TransferStats(source, target, transferred + 1, positive, negative);
  }

  public TransferStats plusLabel(boolean isPositive) {
    return new TransferStats(source, target, transferred, positive + (isPositive ? 1 : 0), negative + (isPositive ? 0 : 1));
  }
}
