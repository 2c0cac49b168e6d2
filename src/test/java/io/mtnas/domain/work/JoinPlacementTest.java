package io.mtnas.domain.work;

import static io.mtnas.domain.work.Jobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.mtnas.domain.work.WorkEvent.Submitted;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class JoinPlacementTest {
  private static final WorkLedger IDLE = WorkLedger.of(RetryPolicy.attempts(3), List.of("a"))
      .updated(new Submitted("a", List.of()));
  private static final WorkLedger PENDING = IDLE.updated(new Submitted("a", List.of(job("a", 0))));
  private static final WorkLedger BUSY = PENDING.updated(new WorkEvent.Started(job("a", 0).id(), "w", 10));

  @Test
  void aLiveJoinGoesRightAfterADeliveryOrWhileNothingIsInFlight() {
    assertThat(JoinPlacement.due(OptionalLong.empty(), 3, true, BUSY)).isTrue();
    assertThat(JoinPlacement.due(OptionalLong.empty(), 3, false, PENDING)).isTrue();
    assertThat(JoinPlacement.due(OptionalLong.empty(), 3, false, BUSY)).as("a job was dispatched").isFalse();
  }

  @Test
  void aScheduledJoinWaitsForItsCountUnlessNothingWillEverHappen() {
    assertThat(JoinPlacement.due(OptionalLong.of(5), 4, true, BUSY)).isFalse();
    assertThat(JoinPlacement.due(OptionalLong.of(5), 5, true, BUSY)).isTrue();
    assertThat(JoinPlacement.due(OptionalLong.of(5), 4, false, PENDING)).as("work is left").isFalse();
    assertThat(JoinPlacement.due(OptionalLong.of(5), 4, false, IDLE)).as("the others are done").isTrue();
  }
}
