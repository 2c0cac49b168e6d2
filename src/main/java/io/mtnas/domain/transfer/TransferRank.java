package io.mtnas.domain.transfer;

import io.mtnas.domain.embedding.Embedder;
import io.mtnas.domain.embedding.Embedding;
import io.mtnas.domain.search.TransferSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The transfer-rank arbiter's decision (ktnas.md section 3, Algorithm 2): every labelled instance
 * of the target's history attaches to its single most similar candidate (cosine of embeddings) and
 * adds its label (+1 or -1) to that candidate's score; the {@code count} best candidates with a
 * positive score are transferred, ties broken at random; when no score is positive the round is
 * skipped. Two adaptations, both stated in docs: with an empty history (nothing to vote yet) the
 * round transfers {@code count} random candidates so that labels can accumulate, and random mode
 * is the implicit transfer of MT-NAS.
 */
public final class TransferRank {
  private TransferRank() {}

  /** What the arbiter decided for one round of one target. */
  public record Decision(String target, int round, List<Offer> accepted, List<Offer> considered, String rule) {
    public Decision {
      accepted = List.copyOf(accepted);
      considered = List.copyOf(considered);
    }

    public boolean skipped() {
      return accepted.isEmpty();
    }
  }

  /**
   * @param candidates the other tasks' current population members the target has not evaluated,
   *     each once (score ignored)
   */
  public static Decision decide(
      String target,
      int round,
      List<Offer> candidates,
      TransferHistory history,
      TransferSpec settings,
      Embedder embedder,
      RandomGenerator rng) {
    if (candidates.isEmpty()) {
      return new Decision(target, round, List.of(), List.of(), "no candidates");
    }
    List<Label> voters = history.active(round, settings.negativeWindow());
    if (settings.mode() == TransferSpec.Mode.RANDOM || voters.isEmpty()) {
      List<Offer> shuffled = shuffle(candidates, rng);
      List<Offer> picked = shuffled.subList(0, Math.min(settings.count(), shuffled.size()));
      String rule = settings.mode() == TransferSpec.Mode.RANDOM ? "random" : "random (empty history)";
      return new Decision(target, round, picked, picked, rule);
    }
    double[] scores = vote(candidates, voters, embedder);
    // Random order first, then a stable sort by score: ties end up in random order.
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      order.add(i);
    }
    shuffleInPlace(order, rng);
    order.sort(Comparator.comparingDouble((Integer i) -> -scores[i]));
    List<Offer> considered = new ArrayList<>();
    List<Offer> accepted = new ArrayList<>();
    for (int i : order) {
      Offer scored = new Offer(candidates.get(i).architecture(), candidates.get(i).source(), scores[i]);
      if (scores[i] != 0 || considered.size() < settings.count()) {
        considered.add(scored);
      }
      if (scores[i] > 0 && accepted.size() < settings.count()) {
        accepted.add(scored);
      }
    }
    return new Decision(target, round, accepted, considered, accepted.isEmpty() ? "skip (no positive score)" : "vote");
  }

  /** Each voter adds its label to its nearest candidate. */
  static double[] vote(List<Offer> candidates, List<Label> voters, Embedder embedder) {
    List<Embedding> embedded = candidates.stream().map(c -> embedder.embed(c.architecture())).toList();
    double[] scores = new double[candidates.size()];
    for (Label voter : voters) {
      Embedding v = embedder.embed(voter.architecture());
      int nearest = 0;
      double best = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < embedded.size(); i++) {
        double similarity = v.cosine(embedded.get(i));
        if (similarity > best) {
          best = similarity;
          nearest = i;
        }
      }
      scores[nearest] += voter.value();
    }
    return scores;
  }

  private static List<Offer> shuffle(List<Offer> offers, RandomGenerator rng) {
    List<Offer> copy = new ArrayList<>(offers);
    shuffleInPlace(copy, rng);
    return copy;
  }

  private static <T> void shuffleInPlace(List<T> list, RandomGenerator rng) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      T t = list.get(i);
      list.set(i, list.get(j));
      list.set(j, t);
    }
  }
}
