package io.mtnas.domain.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtnas.domain.evaluation.Direction;
import io.mtnas.domain.predictor.Observation;
import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.space.SearchSpaces;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WarmStartTest {
  private static Architecture a(int i) {
    return SearchSpaces.nb201().fromIndex(i);
  }

  private static List<Observation> known() {
    List<Observation> out = new ArrayList<>();
    long seq = 1;
    // task "max": fitness = index; task "min" (minimised): fitness = index too
    for (int i : new int[] {1, 5, 3, 9}) {
      out.add(new Observation(seq++, "max", a(i), i));
    }
    for (int i : new int[] {4, 2, 9, 6}) {
      out.add(new Observation(seq++, "min", a(i), i));
    }
    out.add(new Observation(seq, "late", a(7), 7));
    return out;
  }

  @Test
  void elitesTakeEachOtherTasksCurrentPopulationBestFirstInTurn() {
    Map<String, Direction> dirs = Map.of("max", Direction.MAX, "min", Direction.MIN, "late", Direction.MAX);
    List<Offer> picks = WarmStart.elites("late", List.of("max", "min", "late"), 3, known(), dirs, 5);
    // populations (last 3): max {5, 3, 9} -> 9, 5, 3; min {2, 9, 6} -> 2, 6, 9
    assertThat(picks).extracting(Offer::architecture).containsExactly(a(9), a(2), a(5), a(6), a(3));
    assertThat(picks).extracting(Offer::source).containsExactly("max", "min", "max", "min", "max");
    assertThat(WarmStart.elites("late", List.of("max", "min", "late"), 3, known(), dirs, 50))
        .as("9 is in both populations: offered once").hasSize(5);
  }

  @Test
  void theArchiveHoldsEachArchitectureOnceAndTheBestAreTakenByScore() {
    List<Offer> archive = WarmStart.archive(known());
    assertThat(archive).extracting(Offer::architecture).containsExactly(a(1), a(5), a(3), a(9), a(4), a(2), a(6), a(7));
    assertThat(archive.get(3).source()).isEqualTo("max");
    double[] scores = {0, 3, 1, 3, 2, 0, 0, 5};
    assertThat(WarmStart.best(archive, scores, 3)).extracting(Offer::architecture).containsExactly(a(7), a(5), a(9));
  }

  @Test
  void aHistoryReordersThePoolByItsVotesAndNoHistoryKeepsIt() {
    TransferRankTest.PlacedEmbedder e = new TransferRankTest.PlacedEmbedder();
    List<Offer> pool = new ArrayList<>();
    for (double angle : new double[] {0, 90, 180, 270}) {
      pool.add(new Offer(e.atAngle(angle), "other", 0));
    }
    List<Label> voters = List.of(new Label(e.atAngle(175), "x", "t", true, 0),
        new Label(e.atAngle(185), "x", "t", true, -1), new Label(e.atAngle(5), "x", "t", false, 0),
        new Label(e.atAngle(265), "x", "t", true, -2));
    // scores: 0 -> -1, 90 -> 0, 180 -> 2, 270 -> 1; ties keep pool order
    assertThat(WarmStart.voted(pool, voters, e, 3)).extracting(Offer::architecture)
        .containsExactly(pool.get(2).architecture(), pool.get(3).architecture(), pool.get(1).architecture());
    assertThat(WarmStart.voted(pool, List.of(), e, 3)).containsExactlyElementsOf(pool.subList(0, 3));
    assertThat(WarmStart.voted(pool, voters, e, 10)).hasSize(4);
  }

  @Test
  void alternateTakesBothInTurnEachOnce() {
    List<Offer> p = List.of(new Offer(a(1), "x", 0), new Offer(a(2), "x", 0), new Offer(a(3), "x", 0));
    List<Offer> t = List.of(new Offer(a(2), "y", 0), new Offer(a(4), "y", 0));
    assertThat(WarmStart.alternate(p, t, 10)).extracting(Offer::architecture).containsExactly(a(1), a(2), a(4), a(3));
    assertThat(WarmStart.alternate(p, t, 2)).hasSize(2);
    assertThat(WarmStart.alternate(List.of(), t, 10)).containsExactlyElementsOf(t);
  }
}
