package io.mtnas.domain.predictor;

/**
 * Port to a regression library: learns a {@link Model} from a training set. Implementations are
 * deterministic for a given set (seeded, single-threaded) so a seeded search reproduces.
 */
public interface Regressor {
  String id();

  Model fit(TrainingSet data);

  /**
   * The most rows {@link #fit} learns from: given more, it uses only the last this many, so a caller
   * may leave the others out (building every row of a 10,000-result archive for a model of its
   * newest 600 took 13 ms, building those 600 takes 6 ms with the moments and cross-task values that
   * still see every result). Unlimited unless a regressor says otherwise.
   */
  default int rowLimit() {
    return Integer.MAX_VALUE;
  }
}
