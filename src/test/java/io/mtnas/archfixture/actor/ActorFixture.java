package io.mtnas.archfixture.actor;

import io.mtnas.archfixture.adapter.AdapterFixture;
import io.mtnas.archfixture.wire.WireFixture;
import org.apache.pekko.actor.typed.ActorRef;

/** Breaks the layering: an actor may use wire and Pekko (fine) but not the adapter layer. */
public final class ActorFixture {
  WireFixture below;
  ActorRef<String> self;

  void call() {
    AdapterFixture.touch();
  }
}
