package io.mtnas.archfixture.adapter;

import io.mtnas.archfixture.actor.HoldsRandom;
import io.mtnas.archfixture.config.ConfigFixture;
import io.mtnas.archfixture.domain.Allowed;
import java.util.Random;

/** Keeps every rule: adapters may use all layers below them, and a Random field outside actor is fine. */
public final class AdapterFixture {
  Allowed domain;
  HoldsRandom actor;
  ConfigFixture config;
  Random random;

  public static void touch() {}
}
