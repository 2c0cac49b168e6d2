package io.mtnas.domain.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtnas.domain.predictor.Observation;
import io.mtnas.domain.space.SearchSpace;
import io.mtnas.domain.space.SearchSpaces;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The other tasks' current populations, as the arbiter offers them to a target. */
class TransferCandidatesTest {
  private static final SearchSpace SPACE = SearchSpaces.nb201();

  private static Observation obs(long seq, String task, long arch) {
    return new Observation(seq, task, SPACE.fromIndex(arch), 50);
  }

  @Test
  void offersTheLastKOfEveryOtherTaskLessWhatTheTargetEvaluatedEachOnce() {
    List<Observation> known = new ArrayList<>();
    long seq = 1;
    for (long a = 0; a < 5; a++) {
      known.add(obs(seq++, "b", a)); // b's population with K = 3 ends as 2, 3, 4
    }
    known.add(obs(seq++, "c", 4)); // also offered by b, which comes first
    known.add(obs(seq++, "c", 9));
    known.add(obs(seq++, "a", 3)); // the target evaluated 3 already
    List<Offer> offers = TransferCandidates.of("a", List.of("a", "b", "c"), 3, known);
    assertThat(offers).extracting(o -> o.architecture().index()).containsExactly(2L, 4L, 9L);
    assertThat(offers).extracting(Offer::source).containsExactly("b", "b", "c");
  }
}
