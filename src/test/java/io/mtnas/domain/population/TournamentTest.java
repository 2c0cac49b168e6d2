package io.mtnas.domain.population;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtnas.domain.evaluation.Direction;
import io.mtnas.domain.evaluation.EvaluationOutcome;
import io.mtnas.domain.evaluation.JobId;
import io.mtnas.domain.space.SearchSpaces;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TournamentTest {

  /** K individuals whose fitness is their rank from the best (rank 0 has the best fitness). */
  private static List<Individual> ranked(int k, Direction direction) {
    List<Individual> living = new ArrayList<>();
    for (int rank = 0; rank < k; rank++) {
      JobId id = new JobId("t", rank);
      Candidate c = new Candidate(id, SearchSpaces.nb201().fromIndex(rank), Origin.RANDOM, Optional.empty());
      double fitness = direction == Direction.MAX ? k - rank : rank;
      living.add(new Individual(c, new EvaluationOutcome.Scored(id, c.architecture(), fitness, Map.of(), 0), rank + 1));
    }
    // Shuffle positions so that rank and list position are unrelated.
    Collections.shuffle(living, new Random(7));
    return living;
  }

  /**
   * Sampling S of K without replacement and keeping the best picks the r-th best (0-based) with
   * probability C(K-1-r, S-1) / C(K, S).
   */
  @ParameterizedTest
  @CsvSource({"10,5,MAX", "10,5,MIN", "10,1,MAX", "10,10,MAX", "6,3,MIN"})
  void winnerRankFollowsTheOrderStatistic(int k, int s, Direction direction) {
    List<Individual> living = ranked(k, direction);
    SplittableRandom rng = new SplittableRandom(11);
    int draws = 40_000;
    int[] wins = new int[k];
    for (int d = 0; d < draws; d++) {
      Individual winner = Tournament.select(living, s, direction, rng);
      wins[(int) winner.candidate().id().sequence()]++;
    }
    for (int rank = 0; rank < k; rank++) {
      double p = binomial(k - 1 - rank, s - 1) / binomial(k, s);
      double sd = Math.sqrt(draws * p * (1 - p));
      assertThat((double) wins[rank])
          .as("wins of rank %d (p=%.4f)", rank, p)
          .isCloseTo(draws * p, Offset.offset(4 * sd + 1e-9));
    }
  }

  private static double binomial(int n, int k) {
    if (k < 0 || k > n) {
      return 0;
    }
    double result = 1;
    for (int i = 1; i <= k; i++) {
      result = result * (n - k + i) / i;
    }
    return result;
  }
}
