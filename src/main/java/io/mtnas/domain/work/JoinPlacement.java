package io.mtnas.domain.work;

import java.util.OptionalLong;

/**
 * When a task that is to join a running search is placed among its deliveries: right after a
 * delivery once its count ({@code join_after}; none: at once) is reached, or while nothing is in
 * flight, then also when the other tasks will never reach its count (nothing is pending and nobody
 * owes a reply, so nothing would happen otherwise). Either way no job was dispatched since the last
 * delivery, so with one worker a join placed live and one scheduled at the same count coincide.
 */
public final class JoinPlacement {
  private JoinPlacement() {}

  /**
   * @param delivered deliveries made so far
   * @param justDelivered whether this is the moment right after a delivery
   */
  public static boolean due(OptionalLong after, long delivered, boolean justDelivered, WorkLedger ledger) {
    boolean quiet = ledger.inFlightCount() == 0;
    boolean idle = quiet && ledger.pendingCount() == 0 && !ledger.awaitingReplies();
    return (justDelivered || quiet) && (delivered >= after.orElse(0) || idle);
  }
}
