package io.mtnas.domain.predictor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * An {@link ObservationLog} with requests that wait for it: a request "as of" outcome s is ready
 * once every outcome up to s has arrived. Shared by the predictor and the transfer arbiter, whose
 * answers must not depend on the order in which the populations' messages reach them.
 *
 * @param <R> the request type
 */
public final class AsOfQueue<R> {
  private final ObservationLog log = new ObservationLog();
  private final List<R> waiting = new ArrayList<>();
  private final ToLongFunction<R> asOf;

  public AsOfQueue(ToLongFunction<R> asOf) {
    this.asOf = asOf;
  }

  /** Records outcome {@code sequence} (empty: it failed) and returns the requests it made ready. */
  public List<R> observe(long sequence, java.util.Optional<Observation> observation) {
    if (observation.isPresent()) {
      log.add(observation.get());
    } else {
      log.addGap(sequence);
    }
    List<R> ready = waiting.stream().filter(r -> asOf.applyAsLong(r) <= log.complete()).toList();
    waiting.removeAll(ready);
    return ready;
  }

  /** True when the request can be answered now; otherwise it waits and a later observe returns it. */
  public boolean offer(R request) {
    if (asOf.applyAsLong(request) <= log.complete()) {
      return true;
    }
    waiting.add(request);
    return false;
  }

  /** The scored observations a ready request may use. */
  public List<Observation> dataFor(R request) {
    return log.upTo(asOf.applyAsLong(request));
  }

  /** The scored observations numbered up to {@code sequence}, at most the request's "as of". */
  public List<Observation> dataFor(R request, long sequence) {
    return log.upTo(Math.min(sequence, asOf.applyAsLong(request)));
  }
}
