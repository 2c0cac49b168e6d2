package io.mtnas.archfixture;

import io.mtnas.archfixture.adapter.AdapterFixture;

/**
 * Fixtures for {@code io.mtnas.ArchitectureRulesTest}: classes laid out like the production
 * packages under this root, each breaking (or, like this one, keeping) one architecture rule on
 * purpose. Never used at run time. The root layer may reach every layer below it.
 */
public final class Main {
  AdapterFixture adapter;
}
