package io.mtnas.domain.predictor;

/**
 * Port to a regression library: learns a {@link Model} from a training set. Implementations are
 * deterministic for a given set (seeded, single-threaded) so a seeded search reproduces.
 */
public interface Regressor {
  String id();

  Model fit(TrainingSet data);
}
