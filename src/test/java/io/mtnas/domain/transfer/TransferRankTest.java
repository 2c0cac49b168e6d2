package io.mtnas.domain.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mtnas.domain.embedding.Embedder;
import io.mtnas.domain.embedding.Embedding;
import io.mtnas.domain.search.TransferSpec;
import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.space.ChiSquare;
import io.mtnas.domain.space.SearchSpace;
import io.mtnas.domain.space.SearchSpaces;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TransferRankTest {
  private static final SearchSpace NB201 = SearchSpaces.nb201();

  /** Embeds each architecture at a chosen 2-d point; nothing else. */
  static final class PlacedEmbedder implements Embedder {
    private final Map<Architecture, double[]> points = new HashMap<>();
    private int next = 100;

    /** A fresh architecture placed at the point. */
    Architecture at(double x, double y) {
      Architecture a = NB201.fromIndex(next++);
      points.put(a, new double[] {x, y});
      return a;
    }

    Architecture atAngle(double degrees) {
      return at(Math.cos(Math.toRadians(degrees)), Math.sin(Math.toRadians(degrees)));
    }

    @Override
    public String id() {
      return "placed";
    }

    @Override
    public int dimension() {
      return 2;
    }

    @Override
    public Embedding embed(Architecture a) {
      double[] p = points.get(a);
      if (p == null) {
        throw new IllegalArgumentException("not placed: " + a);
      }
      return new Embedding(p);
    }
  }

  private static TransferSpec rank(int count) {
    return new TransferSpec(TransferSpec.Mode.RANK, count, 0.2, 5);
  }

  /** A label decided in round 1: with window 5 its negatives vote up to round 5. */
  private static Label label(Architecture a, boolean positive) {
    return new Label(a, "src", "t", positive, 1);
  }

  private static TransferHistory history(List<Label> labels) {
    TransferHistory h = TransferHistory.empty();
    for (Label l : labels) {
      h = h.with(l);
    }
    return h;
  }

  private static List<Offer> offers(List<Architecture> architectures) {
    List<Offer> offers = new ArrayList<>();
    for (int i = 0; i < architectures.size(); i++) {
      offers.add(new Offer(architectures.get(i), "task" + (i % 2), 0));
    }
    return offers;
  }

  private static List<Architecture> accepted(TransferRank.Decision d) {
    return d.accepted().stream().map(Offer::architecture).toList();
  }

  @Test
  void eachVoterAddsItsLabelToItsMostSimilarCandidate() {
    PlacedEmbedder e = new PlacedEmbedder();
    List<Architecture> candidates = List.of(e.atAngle(0), e.atAngle(90), e.atAngle(180), e.atAngle(270));
    List<Label> voters = List.of(
        label(e.atAngle(10), true),
        label(e.atAngle(350), true),
        label(e.at(100, 1), true), // far away but pointing at candidate 0: cosine ignores norm
        label(e.atAngle(80), false),
        label(e.atAngle(100), true),
        label(e.atAngle(200), false));
    double[] scores = TransferRank.vote(offers(candidates), voters, e);
    assertThat(scores).containsExactly(3.0, 0.0, -1.0, 0.0);
  }

  @Test
  void similarityIsCosineNotDistance() {
    PlacedEmbedder e = new PlacedEmbedder();
    Architecture sameDirection = e.at(1, 0);
    Architecture closer = e.at(9, 5);
    Label voter = label(e.at(10, 0), true);
    assertThat(TransferRank.vote(offers(List.of(sameDirection, closer)), List.of(voter), e))
        .containsExactly(1.0, 0.0);
    assertThat(TransferRank.vote(offers(List.of(closer, sameDirection)), List.of(voter), e))
        .containsExactly(0.0, 1.0);
  }

  /** Five candidates on the unit circle; scores +3, +1, -2, 0, +2 from voters placed on them. */
  private static final class FiveCandidates {
    final PlacedEmbedder e = new PlacedEmbedder();
    final List<Architecture> candidates = new ArrayList<>();
    final List<Label> voters = new ArrayList<>();

    FiveCandidates() {
      int[] score = {3, 1, -2, 0, 2};
      for (int i = 0; i < 5; i++) {
        candidates.add(e.atAngle(72 * i));
        for (int v = 0; v < Math.abs(score[i]); v++) {
          voters.add(label(e.atAngle(72 * i + v - 1), score[i] > 0));
        }
      }
    }
  }

  @Test
  void theBestPositiveScoresAreAcceptedUpToCount() {
    FiveCandidates f = new FiveCandidates();
    TransferRank.Decision d = TransferRank.decide(
        "t", 3, offers(f.candidates), history(f.voters), rank(2), f.e, new SplittableRandom(1));
    assertThat(d.target()).isEqualTo("t");
    assertThat(d.round()).isEqualTo(3);
    assertThat(d.rule()).isEqualTo("vote");
    assertThat(d.skipped()).isFalse();
    assertThat(accepted(d)).containsExactly(f.candidates.get(0), f.candidates.get(4));
    assertThat(d.accepted()).extracting(Offer::score).containsExactly(3.0, 2.0);
    assertThat(d.accepted()).extracting(Offer::source).containsExactly("task0", "task0");
    // every candidate with a vote is reported as considered, with its score, best first
    assertThat(d.considered()).extracting(Offer::score).containsExactly(3.0, 2.0, 1.0, -2.0);
  }

  @Test
  void onlyPositiveScoresAreAcceptedEvenWhenCountAllowsMore() {
    FiveCandidates f = new FiveCandidates();
    TransferRank.Decision d = TransferRank.decide(
        "t", 3, offers(f.candidates), history(f.voters), rank(5), f.e, new SplittableRandom(1));
    assertThat(accepted(d)).containsExactly(f.candidates.get(0), f.candidates.get(4), f.candidates.get(1));
  }

  @Test
  void noPositiveScoreSkipsTheRound() {
    PlacedEmbedder e = new PlacedEmbedder();
    List<Architecture> candidates = List.of(e.atAngle(0), e.atAngle(120), e.atAngle(240));
    List<Label> voters = List.of(
        label(e.atAngle(5), true), label(e.atAngle(-5), false), label(e.atAngle(125), false));
    TransferRank.Decision d = TransferRank.decide(
        "t", 3, offers(candidates), history(voters), rank(4), e, new SplittableRandom(2));
    assertThat(d.skipped()).isTrue();
    assertThat(d.accepted()).isEmpty();
    assertThat(d.rule()).startsWith("skip");
    assertThat(d.considered()).extracting(Offer::architecture).contains(candidates.get(1));
  }

  @Test
  void tiesAreBrokenAtRandomAndTheSameSeedGivesTheSameDecision() {
    PlacedEmbedder e = new PlacedEmbedder();
    List<Architecture> candidates = List.of(e.atAngle(0), e.atAngle(90), e.atAngle(180), e.atAngle(270));
    // +1 each on the first three, -1 on the last
    List<Label> voters = List.of(
        label(e.atAngle(1), true), label(e.atAngle(91), true), label(e.atAngle(181), true),
        label(e.atAngle(271), false));
    TransferHistory h = history(voters);
    long[] picks = new long[3];
    for (int seed = 0; seed < 3_000; seed++) {
      TransferRank.Decision d = TransferRank.decide("t", 1, offers(candidates), h, rank(1), e, new SplittableRandom(seed));
      assertThat(TransferRank.decide("t", 1, offers(candidates), h, rank(1), e, new SplittableRandom(seed)))
          .isEqualTo(d);
      assertThat(d.accepted()).hasSize(1);
      int i = candidates.indexOf(d.accepted().get(0).architecture());
      assertThat(i).isBetween(0, 2);
      picks[i]++;
    }
    assertThat(ChiSquare.looksUniform(picks)).as("picks %s", java.util.Arrays.toString(picks)).isTrue();
  }

  @Test
  void anEmptyHistoryTransfersCountRandomCandidates() {
    PlacedEmbedder e = new PlacedEmbedder();
    List<Architecture> candidates = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      candidates.add(e.atAngle(36 * i));
    }
    long[] picks = new long[10];
    for (int seed = 0; seed < 2_000; seed++) {
      TransferRank.Decision d = TransferRank.decide(
          "t", 1, offers(candidates), TransferHistory.empty(), rank(4), e, new SplittableRandom(seed));
      assertThat(d.rule()).isEqualTo("random (empty history)");
      assertThat(d.accepted()).hasSize(4);
      Set<Architecture> distinct = new HashSet<>(accepted(d));
      assertThat(distinct).hasSize(4);
      assertThat(candidates).containsAll(distinct);
      assertThat(TransferRank.decide(
          "t", 1, offers(candidates), TransferHistory.empty(), rank(4), e, new SplittableRandom(seed))).isEqualTo(d);
      for (Architecture a : distinct) {
        picks[candidates.indexOf(a)]++;
      }
    }
    assertThat(ChiSquare.looksUniform(picks)).as("picks %s", java.util.Arrays.toString(picks)).isTrue();
  }

  @Test
  void fewerCandidatesThanCountAreAllTransferredWhileBootstrapping() {
    PlacedEmbedder e = new PlacedEmbedder();
    List<Architecture> candidates = List.of(e.atAngle(0), e.atAngle(90));
    TransferRank.Decision d = TransferRank.decide(
        "t", 1, offers(candidates), TransferHistory.empty(), rank(4), e, new SplittableRandom(3));
    assertThat(accepted(d)).containsExactlyInAnyOrderElementsOf(candidates);
  }

  @Test
  void randomModeIgnoresTheHistoryAndPicksCountRandomCandidates() {
    FiveCandidates f = new FiveCandidates();
    TransferSpec random = rank(2).withMode(TransferSpec.Mode.RANDOM);
    Set<Architecture> ever = new HashSet<>();
    for (int seed = 0; seed < 200; seed++) {
      TransferRank.Decision d = TransferRank.decide(
          "t", 1, offers(f.candidates), history(f.voters), random, f.e, new SplittableRandom(seed));
      assertThat(d.rule()).isEqualTo("random");
      assertThat(d.accepted()).hasSize(2);
      assertThat(new HashSet<>(accepted(d))).hasSize(2);
      ever.addAll(accepted(d));
    }
    // the candidate the vote rejects (-2) and the unvoted one are picked too
    assertThat(ever).containsExactlyInAnyOrderElementsOf(f.candidates);
  }

  @Test
  void noCandidatesNoTransfer() {
    TransferRank.Decision d = TransferRank.decide(
        "t", 1, List.of(), TransferHistory.empty(), rank(4), new PlacedEmbedder(), new SplittableRandom(4));
    assertThat(d.skipped()).isTrue();
    assertThat(d.considered()).isEmpty();
    assertThat(d.rule()).isEqualTo("no candidates");
  }

  @Test
  void expiredNegativesDoNotVote() {
    PlacedEmbedder e = new PlacedEmbedder();
    List<Architecture> candidates = List.of(e.atAngle(0), e.atAngle(180));
    // a positive on candidate 1 (round 1, kept for ever) and two negatives on it from round 2
    TransferHistory h = TransferHistory.empty()
        .with(new Label(e.atAngle(175), "src", "t", true, 1))
        .with(new Label(e.atAngle(181), "src", "t", false, 2))
        .with(new Label(e.atAngle(179), "src", "t", false, 2));
    TransferRank.Decision early = TransferRank.decide("t", 6, offers(candidates), h, rank(1), e, new SplittableRandom(5));
    assertThat(early.skipped()).isTrue();
    TransferRank.Decision late = TransferRank.decide("t", 7, offers(candidates), h, rank(1), e, new SplittableRandom(5));
    assertThat(accepted(late)).containsExactly(candidates.get(1));
    assertThat(late.accepted().get(0).score()).isCloseTo(1.0, within(0.0));
  }
}
