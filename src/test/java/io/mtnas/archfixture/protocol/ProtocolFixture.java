package io.mtnas.archfixture.protocol;

import io.mtnas.archfixture.actor.ActorFixture;
import io.mtnas.archfixture.domain.Allowed;

/** Breaks the layering: protocol may use the domain (fine) but not the actor layer above it. */
public final class ProtocolFixture {
  Allowed below;
  ActorFixture up;
}
