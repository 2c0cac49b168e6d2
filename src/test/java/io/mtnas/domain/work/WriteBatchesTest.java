package io.mtnas.domain.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WriteBatchesTest {
  @Test
  void anEntryOfferedWhileIdleIsWrittenAloneAtOnce() {
    WriteBatches.Step<String> step = WriteBatches.<String>idle().offer("a");
    assertThat(step.write()).contains(List.of("a"));
    assertThat(step.next().writing()).isTrue();
  }

  @Test
  void entriesOfferedDuringAWriteGoTogetherInOrderOnceItIsDone() {
    WriteBatches<String> b = WriteBatches.<String>idle().offer("a").next();
    WriteBatches.Step<String> s1 = b.offer("b");
    WriteBatches.Step<String> s2 = s1.next().offer("c");
    assertThat(s1.write()).isEmpty();
    assertThat(s2.write()).isEmpty();
    WriteBatches.Step<String> done = s2.next().written();
    assertThat(done.write()).contains(List.of("b", "c"));
    assertThat(done.next().writing()).isTrue();
    WriteBatches.Step<String> last = done.next().written();
    assertThat(last.write()).isEmpty();
    assertThat(last.next()).isEqualTo(WriteBatches.idle());
  }

  @Test
  void writtenWithoutAWriteIsAnError() {
    assertThatThrownBy(() -> WriteBatches.idle().written()).isInstanceOf(IllegalStateException.class);
  }

  /** Any interleaving of offers and completions writes every entry once, in offer order, one write at a time. */
  @Test
  void everyEntryIsWrittenOnceInOrderWhateverTheTiming() {
    for (long seed = 1; seed <= 50; seed++) {
      Random random = new Random(seed);
      WriteBatches<Integer> b = WriteBatches.idle();
      List<Integer> written = new ArrayList<>();
      int offered = 0;
      int writes = 0;
      while (offered < 200 || b.writing()) {
        WriteBatches.Step<Integer> step = offered < 200 && (!b.writing() || random.nextInt(3) > 0)
            ? b.offer(offered++) : b.written();
        Optional<List<Integer>> out = step.write();
        out.ifPresent(written::addAll);
        writes += out.isPresent() ? 1 : 0;
        b = step.next();
      }
      assertThat(written).hasSize(200).isSorted().doesNotHaveDuplicates();
      assertThat(writes).as("seed %d: queued entries share writes", seed).isLessThan(200);
    }
  }
}
