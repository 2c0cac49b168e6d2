package io.mtnas.archfixture.actor;

import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/** Breaks "no random-number object in an actor's fields", four ways; a local one is not a field. */
public final class HoldsRandom {
  Random random;
  SplittableRandom splittable;
  RandomGenerator generator;
  ThreadLocalRandom threadLocal;
  long seed;

  int draw() {
    return new Random(seed).nextInt();
  }
}
