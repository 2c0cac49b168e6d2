package io.mtnas.domain.work;

import static io.mtnas.domain.work.Jobs.failed;
import static io.mtnas.domain.work.Jobs.job;
import static io.mtnas.domain.work.Jobs.scored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtnas.domain.evaluation.EvaluationJob;
import io.mtnas.domain.evaluation.EvaluationOutcome.FailureKind;
import io.mtnas.domain.work.WorkEvent.Submitted;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayTest {
  private static final EvaluationJob A0 = job("a", 0);
  private static final EvaluationJob A1 = job("a", 1);
  private static final EvaluationJob B0 = job("b", 0);

  private static StoredDelivery stored(long seq, String submitter, io.mtnas.domain.evaluation.EvaluationOutcome o) {
    return new StoredDelivery(seq, submitter, o, "worker-1", 10);
  }

  @Test
  void handsBackStoredOutcomesInStoredOrderAsTheirJobsComeBack() {
    // stored order b0 before a0, which one worker would never give: the replay keeps it anyway
    Replay replay = Replay.of(List.of(stored(1, "b", scored(B0)), stored(2, "a", scored(A0))));
    WorkLedger ledger = WorkLedger.of(RetryPolicy.attempts(3), List.of("a", "b"))
        .updated(new Submitted("a", List.of(A0)));

    Replay.Advance first = replay.advance(ledger);
    assertThat(first.deliveries()).as("a0 must wait behind b0, which is not back yet").isEmpty();
    assertThat(first.rest().replayed()).isZero();

    ledger = first.ledger().updated(new Submitted("b", List.of(B0)));
    Replay.Advance second = first.rest().advance(ledger);
    assertThat(second.deliveries()).extracting(StoredDelivery::sequence).containsExactly(1L, 2L);
    assertThat(second.rest().done()).isTrue();
    assertThat(second.ledger().completed()).isEqualTo(2);
    assertThat(second.ledger().pendingCount()).isZero();
    assertThat(second.ledger().inFlightCount()).as("the pretend worker holds nothing afterwards").isZero();
    assertThat(second.ledger().owes("a")).isEqualTo(1);
    assertThat(second.ledger().owes("b")).isEqualTo(1);
  }

  @Test
  void aJobInFlightAtTheKillHasNoStoredOutcomeAndStaysPending() {
    Replay replay = Replay.of(List.of(stored(1, "a", scored(A0))));
    WorkLedger ledger = WorkLedger.of(RetryPolicy.attempts(3), List.of("a"))
        .updated(new Submitted("a", List.of(A0, A1)));
    Replay.Advance a = replay.advance(ledger);
    assertThat(a.rest().done()).isTrue();
    assertThat(a.ledger().pending()).extracting(q -> q.job().id()).containsExactly(A1.id());
    assertThat(a.ledger().wasAccepted(A0.id())).isTrue();
    assertThat(a.ledger().isOpen(A0.id())).as("a late result for a0 is ignored: counted once").isFalse();
  }

  @Test
  void aStoredFailureThatWasRetriedIsReplayedUntilTheLedgerGivesUp() {
    Replay replay = Replay.of(List.of(stored(1, "a", failed(A0, FailureKind.CRASHED))));
    WorkLedger ledger = WorkLedger.of(RetryPolicy.attempts(3), List.of("a")).updated(new Submitted("a", List.of(A0)));
    Replay.Advance a = replay.advance(ledger);
    assertThat(a.deliveries()).hasSize(1);
    assertThat(a.ledger().givenUp()).isEqualTo(1);
    assertThat(a.rest().done()).isTrue();
  }

  @Test
  void aRestartThatNeverResubmitsTheStoredJobDiverges() {
    Replay replay = Replay.of(List.of(stored(1, "a", scored(A1))));
    WorkLedger ledger = WorkLedger.of(RetryPolicy.attempts(3), List.of("a")).updated(new Submitted("a", List.of(A0)));
    assertThatThrownBy(() -> replay.advance(ledger))
        .isInstanceOf(Replay.Diverged.class)
        .hasMessageContaining("stored delivery 1")
        .hasMessageContaining("not submitted again");
  }

  @Test
  void storedDeliveriesMustBeNumberedFromOneWithoutGaps() {
    assertThatThrownBy(() -> Replay.of(List.of(stored(2, "a", scored(A0)))))
        .hasMessageContaining("entry 0 has sequence 2");
    assertThatThrownBy(() -> StoredDeliveries.empty().with(stored(2, "a", scored(A0))))
        .hasMessageContaining("delivery 2 stored after 0");
  }

  @Test
  void aStoredBudgetChangeGoesOutAtItsPlaceAndItsPopulationOwesAReply() {
    // a0 delivered, then a's budget changed (a answers with a1), then a1 delivered
    Replay replay = Replay.of(new StoredDeliveries(List.of(stored(1, "a", scored(A0)), stored(2, "a", scored(A1))),
        List.of(new StoredBudget(1, "a", 2))));
    WorkLedger ledger = WorkLedger.of(RetryPolicy.attempts(3), List.of("a")).updated(new Submitted("a", List.of(A0)));

    Replay.Advance first = replay.advance(ledger);
    assertThat(first.handed()).containsExactly(stored(1, "a", scored(A0)), new StoredBudget(1, "a", 2));
    assertThat(first.ledger().owes("a")).as("one reply for the delivery, one for the notice").isEqualTo(2);
    assertThat(first.rest().done()).isFalse();

    WorkLedger answered = first.ledger().updated(new Submitted("a", List.of())).updated(new Submitted("a", List.of(A1)));
    Replay.Advance second = first.rest().advance(answered);
    assertThat(second.handed()).containsExactly(stored(2, "a", scored(A1)));
    assertThat(second.rest().done()).isTrue();
  }

  @Test
  void aBudgetChangeAfterTheLastDeliveryIsHandedOnceTheDeliveriesAre() {
    Replay replay = Replay.of(new StoredDeliveries(List.of(stored(1, "a", scored(A0))),
        List.of(new StoredBudget(1, "a", 9), new StoredBudget(1, "a", 12))));
    WorkLedger ledger = WorkLedger.of(RetryPolicy.attempts(3), List.of("a")).updated(new Submitted("a", List.of(A0)));
    Replay.Advance a = replay.advance(ledger);
    assertThat(a.handed()).containsExactly(stored(1, "a", scored(A0)), new StoredBudget(1, "a", 9),
        new StoredBudget(1, "a", 12));
    assertThat(a.rest().done()).isTrue();
    assertThat(a.ledger().nextJob()).as("dispatch waits for the three replies").isEmpty();
  }

  @Test
  void budgetChangesOutOfPlaceAreRefused() {
    assertThatThrownBy(() -> Replay.of(new StoredDeliveries(List.of(stored(1, "a", scored(A0))),
        List.of(new StoredBudget(2, "a", 9))))).hasMessageContaining("out of place");
    assertThatThrownBy(() -> StoredDeliveries.empty().with(new StoredBudget(1, "a", 9)))
        .hasMessageContaining("placed after delivery 1 stored after 0");
  }

  @Test
  void aStoredJoinRegistersItsTaskAtItsPlaceAndTheReplayWaitsForItsFirstBatch() {
    // a0 delivered, then task b joined (b submits b0), then b0 delivered
    Replay replay = Replay.of(new StoredDeliveries(List.of(stored(1, "a", scored(A0)), stored(2, "b", scored(B0))),
        List.of(new StoredJoin(1, "b"))));
    assertThat(replay.joins("b")).isTrue();
    assertThat(replay.joins("a")).isFalse();
    WorkLedger ledger = WorkLedger.of(RetryPolicy.attempts(3), List.of("a")).updated(new Submitted("a", List.of(A0)));

    Replay.Advance first = replay.advance(ledger);
    assertThat(first.handed()).containsExactly(stored(1, "a", scored(A0)), new StoredJoin(1, "b"));
    assertThat(first.ledger().submitters()).containsExactly("a", "b");
    assertThat(first.ledger().owes("b")).as("its first batch").isEqualTo(1);
    assertThat(first.rest().done()).isFalse();

    WorkLedger answered = first.ledger().updated(new Submitted("a", List.of())).updated(new Submitted("b", List.of(B0)));
    Replay.Advance second = first.rest().advance(answered);
    assertThat(second.handed()).containsExactly(stored(2, "b", scored(B0)));
    assertThat(second.rest().done()).isTrue();
  }

  @Test
  void budgetsAndJoinsKeepTheirStoredOrderAtOnePlace() {
    List<StoredNotice> notices = List.of(new StoredJoin(1, "b"), new StoredBudget(1, "b", 7), new StoredBudget(1, "a", 3));
    Replay replay = Replay.of(new StoredDeliveries(List.of(stored(1, "a", scored(A0))), notices));
    WorkLedger ledger = WorkLedger.of(RetryPolicy.attempts(3), List.of("a")).updated(new Submitted("a", List.of(A0)));
    Replay.Advance a = replay.advance(ledger);
    assertThat(a.handed()).containsExactly(stored(1, "a", scored(A0)), notices.get(0), notices.get(1), notices.get(2));
    assertThat(a.ledger().owed()).containsEntry("a", 2).containsEntry("b", 2);
  }

  @Test
  void aJoinOutOfPlaceIsRefused() {
    assertThatThrownBy(() -> StoredDeliveries.empty().with(new StoredJoin(3, "b")))
        .hasMessageContaining("placed after delivery 3 stored after 0");
    assertThatThrownBy(() -> Replay.of(new StoredDeliveries(List.of(), List.of(new StoredJoin(1, "b")))))
        .hasMessageContaining("out of place");
  }
}
