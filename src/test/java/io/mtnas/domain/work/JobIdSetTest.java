package io.mtnas.domain.work;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtnas.domain.evaluation.JobId;
import org.junit.jupiter.api.Test;

class JobIdSetTest {

  @Test
  void keepsInOrderSequencesAsAPrefix() {
    JobIdSet set = JobIdSet.empty();
    for (long s = 0; s < 1000; s++) {
      set = set.with(new JobId("a", s));
    }
    assertThat(set.sparseCount()).isZero();
    assertThat(set.contains(new JobId("a", 999))).isTrue();
    assertThat(set.contains(new JobId("a", 1000))).isFalse();
    assertThat(set.contains(new JobId("b", 0))).isFalse();
  }

  @Test
  void absorbsOutOfOrderSequencesOnceTheGapCloses() {
    JobIdSet set = JobIdSet.empty().with(new JobId("a", 3)).with(new JobId("a", 1)).with(new JobId("a", 5));
    assertThat(set.sparseCount()).isEqualTo(3);
    assertThat(set.contains(new JobId("a", 0))).isFalse();
    assertThat(set.contains(new JobId("a", 2))).isFalse();

    set = set.with(new JobId("a", 0)).with(new JobId("a", 2));
    assertThat(set.sparseCount()).isEqualTo(1);
    for (long s : new long[] {0, 1, 2, 3, 5}) {
      assertThat(set.contains(new JobId("a", s))).isTrue();
    }
    assertThat(set.contains(new JobId("a", 4))).isFalse();
  }

  @Test
  void addingAnExistingIdReturnsTheSameSetAndNeverChangesTheOriginal() {
    JobIdSet one = JobIdSet.empty().with(new JobId("a", 7));
    assertThat(one.with(new JobId("a", 7))).isSameAs(one);
    JobIdSet two = one.with(new JobId("a", 8));
    assertThat(one.contains(new JobId("a", 8))).isFalse();
    assertThat(two.contains(new JobId("a", 8))).isTrue();
  }
}
