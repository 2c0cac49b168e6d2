package io.mtnas.actor;

import io.mtnas.domain.predictor.Observation;
import java.util.Optional;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;

/**
 * Outcome number {@code sequence} of a search as the shared predictor and the transfer arbiter
 * see it: a scored observation, or empty for a failure (a gap, so their "as of" prefix completes).
 */
public record OutcomeObserved(long sequence, Optional<Observation> observation)
    implements PredictorActor.Command, TransferArbiter.Command, NoSerializationVerificationNeeded {}
