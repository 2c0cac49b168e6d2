package io.mtnas.domain.predictor;

/**
 * When the shared predictor retrains, as a function of the search-wide outcome number alone (so a
 * seeded run trains the same models whatever the timing): after every outcome up to {@code
 * everyOutcomeUntil}, then each time the outcome count has grown by {@code growth} (a share of it)
 * since the last training point. A request "as of" outcome s is answered by the model of the last
 * training point at or before s. Training cost grows with the archive (a quarter of a second at
 * 10,000 results, docs/benchmarks.md section 8), so a large search would otherwise spend most of
 * its time retraining on data that differs by one result in ten thousand.
 *
 * <p>With {@code stride} > 1, "every outcome" becomes every {@code stride}-th one (after the first
 * {@code stride}): a search with N jobs in flight proposes each candidate while up to N - 1 other
 * results are still out anyway, so a model up to N - 1 outcomes old changes little, while
 * retraining on each of the N results that arrive together costs N trainings per round (with 64
 * workers, most of the service's CPU: docs/benchmarks.md section 15). Stride 1 is the schedule as
 * it was, so a seeded 1-worker search trains exactly the same models.
 *
 * @param everyOutcomeUntil retrain on every outcome (every {@code stride}-th) up to this number
 * @param growth relative growth of the outcome count between later training points, in (0, 1]
 * @param stride outcomes between training points up to {@code everyOutcomeUntil}, >= 1
 */
public record RetrainSchedule(long everyOutcomeUntil, double growth, int stride) {
  /** Retrain on every outcome, however large the archive. */
  public static final RetrainSchedule EVERY_OUTCOME = new RetrainSchedule(Long.MAX_VALUE, 1);

  /** Stride 1. */
  public RetrainSchedule(long everyOutcomeUntil, double growth) {
    this(everyOutcomeUntil, growth, 1);
  }

  public RetrainSchedule {
    if (stride < 1) {
      throw new IllegalArgumentException("stride must be >= 1, got " + stride);
    }
    if (everyOutcomeUntil < 1) {
      throw new IllegalArgumentException("every-outcome-until must be >= 1, got " + everyOutcomeUntil);
    }
    if (!(growth > 0) || growth > 1) {
      throw new IllegalArgumentException("growth must be in (0, 1], got " + growth);
    }
  }

  /** Up to 1,000 outcomes (every benchmark protocol here) on each, then after each 5% growth. */
  public static RetrainSchedule defaults() {
    return new RetrainSchedule(1000, 0.05);
  }

  /** This schedule retraining every {@code stride} outcomes: one per job a search keeps in flight. */
  public RetrainSchedule withStride(int stride) {
    return new RetrainSchedule(everyOutcomeUntil, growth, stride);
  }

  /** The last training point at or before outcome {@code asOf}. */
  public long trainingPoint(long asOf) {
    if (asOf <= everyOutcomeUntil) {
      return asOf <= stride ? asOf : asOf - asOf % stride;
    }
    long point = everyOutcomeUntil;
    while (true) {
      long next = Math.max(point + 1, (long) Math.floor(point * (1 + growth)));
      if (next > asOf) {
        return point;
      }
      point = next;
    }
  }
}
