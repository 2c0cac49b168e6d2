package io.mtnas.domain.transfer;

import java.util.ArrayList;
import java.util.List;

/**
 * A target task's Historical Transfer Set: every positive label ever, plus the negatives of the
 * last {@code window} rounds (KTNAS keeps negatives short-lived to balance the classes).
 * Immutable.
 */
public final class TransferHistory {
  private final List<Label> labels;

  private TransferHistory(List<Label> labels) {
    this.labels = List.copyOf(labels);
  }

  public static TransferHistory empty() {
    return new TransferHistory(List.of());
  }

  public static TransferHistory of(List<Label> labels) {
    return new TransferHistory(labels);
  }

  public TransferHistory with(Label label) {
    List<Label> next = new ArrayList<>(labels);
    next.add(label);
    return new TransferHistory(next);
  }

  /** The instances that vote in {@code round}. */
  public List<Label> active(int round, int window) {
    return labels.stream().filter(l -> l.positive() || l.round() > round - window).toList();
  }

  public List<Label> all() {
    return labels;
  }
}
