package io.mtnas.archfixture.config;

import io.mtnas.archfixture.actor.ActorFixture;

/** Keeps the layering: config may use the actor layer below it. */
public final class ConfigFixture {
  ActorFixture below;
}
