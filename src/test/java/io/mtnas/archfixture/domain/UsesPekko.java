package io.mtnas.archfixture.domain;

import org.apache.pekko.actor.typed.ActorRef;

/** Breaks "no Pekko in the domain". */
public final class UsesPekko {
  ActorRef<String> ref;
}
