package io.mtnas.domain.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtnas.domain.evaluation.JobId;
import io.mtnas.domain.space.SearchSpace;
import io.mtnas.domain.space.SearchSpaces;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class ScreeningTest {
  private static final SearchSpace NB201 = SearchSpaces.nb201();

  /** Candidates with the given scores, in order. */
  private static final class Scored {
    final List<Candidate> candidates = new ArrayList<>();
    final Map<Candidate, Double> scores = new HashMap<>();

    Scored(double... values) {
      for (int i = 0; i < values.length; i++) {
        Candidate c = new Candidate(new JobId("t", 0), NB201.fromIndex(i), Origin.RANDOM, Optional.empty());
        candidates.add(c);
        scores.put(c, values[i]);
      }
    }

    ToDoubleFunction<Candidate> score() {
      return scores::get;
    }

    Candidate get(int i) {
      return candidates.get(i);
    }
  }

  @Test
  void keepsTheBestOfEachConsecutiveGroupAndOfTheLastPartialOne() {
    Scored s = new Scored(0.1, 0.9, 0.5, 0.3, 0.2, 0.4, 0.8, 0.7, 0.6, 0.05);
    assertThat(Screening.bestOfGroups(s.candidates, 3, s.score()))
        .containsExactly(s.get(1), s.get(5), s.get(6), s.get(9));
  }

  @Test
  void keepsCeilOfNOverGroupSizeDistinctSamples() {
    SplittableRandom rng = new SplittableRandom(1);
    double[] values = new double[101];
    for (int i = 0; i < values.length; i++) {
      values[i] = rng.nextDouble();
    }
    Scored s = new Scored(values);
    for (int g = 1; g <= 12; g++) {
      List<Candidate> kept = Screening.bestOfGroups(s.candidates, g, s.score());
      assertThat(kept).hasSize((101 + g - 1) / g).doesNotHaveDuplicates();
      // each kept one beats (or ties) every member of its group
      for (int k = 0; k < kept.size(); k++) {
        double best = s.scores.get(kept.get(k));
        for (int i = k * g; i < Math.min(101, (k + 1) * g); i++) {
          assertThat(best).isGreaterThanOrEqualTo(values[i]);
        }
      }
    }
    assertThat(Screening.bestOfGroups(s.candidates, 1, s.score())).isEqualTo(s.candidates);
    assertThat(Screening.bestOfGroups(List.of(), 5, s.score())).isEmpty();
  }

  @Test
  void nanScoresLoseToEveryNumberInAnyPosition() {
    double nan = Double.NaN;
    double ninf = Double.NEGATIVE_INFINITY;
    Scored s = new Scored(nan, 0.2, 0.1, /* */ 0.5, nan, /* */ nan, ninf, /* */ ninf, nan, /* */ -5, nan);
    assertThat(Screening.bestOfGroups(s.candidates.subList(0, 3), 3, s.score())).containsExactly(s.get(1));
    assertThat(Screening.bestOfGroups(s.candidates.subList(3, 5), 2, s.score())).containsExactly(s.get(3));
    assertThat(Screening.bestOfGroups(s.candidates.subList(5, 7), 2, s.score())).containsExactly(s.get(6));
    assertThat(Screening.bestOfGroups(s.candidates.subList(7, 9), 2, s.score())).containsExactly(s.get(7));
    assertThat(Screening.bestOfGroups(s.candidates.subList(9, 11), 2, s.score())).containsExactly(s.get(9));
  }

  @Test
  void aGroupOfNothingButNanStillKeepsOne() {
    Scored s = new Scored(Double.NaN, Double.NaN, Double.NaN, 1.0);
    assertThat(Screening.bestOfGroups(s.candidates, 3, s.score())).hasSize(2).endsWith(s.get(3));
  }

  @Test
  void aGroupSizeBelowOneIsRejected() {
    Scored s = new Scored(1.0);
    assertThatThrownBy(() -> Screening.bestOfGroups(s.candidates, 0, s.score()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0");
  }
}
