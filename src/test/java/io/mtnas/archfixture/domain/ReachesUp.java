package io.mtnas.archfixture.domain;

import io.mtnas.archfixture.actor.ActorFixture;

/** Breaks the layering: the domain may use no other layer. */
public final class ReachesUp {
  ActorFixture up;
}
