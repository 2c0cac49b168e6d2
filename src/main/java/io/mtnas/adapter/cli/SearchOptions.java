package io.mtnas.adapter.cli;

import io.mtnas.domain.search.SearchSpec;
import io.mtnas.domain.search.StrategyPresets;
import io.mtnas.domain.search.StrategySpec;
import picocli.CommandLine.Option;

/** Flags that override a spec's settings, shared by {@code run} and {@code bench}. */
final class SearchOptions {
  @Option(names = "--seed", paramLabel = "N", description = "random seed (overrides the spec's)")
  Long seed;

  @Option(
      names = "--workers",
      paramLabel = "N",
      description = "evaluator workers (overrides the spec's)")
  Integer workers;

  @Option(
      names = "--strategy",
      paramLabel = "NAME",
      description = "a strategy preset applied to the spec's strategy: random, rea, rea-zc,"
          + " random-transfer, rank-onehot, rank, ktnas, ktnas-nozc, ktnas-wide, ktnas-gp, spec (docs/spec.md)")
  String strategy;

  @Option(
      names = "--benchmarks",
      paramLabel = "DIR",
      description =
          "benchmark directory (default: $MTNAS_BENCHMARKS, then config mtnas.benchmarks.dir,"
              + " then ../shared/benchmarks)")
  String benchmarks;

  SearchSpec apply(SearchSpec spec) {
    SearchSpec result = spec;
    if (seed != null) {
      result = result.withSeed(seed);
    }
    if (workers != null) {
      if (workers < 1) {
        throw new BadInputException("--workers must be >= 1, got " + workers);
      }
      result = result.withWorkers(workers);
    }
    if (strategy != null) {
      result = result.withStrategy(preset(strategy, result.strategy()));
    }
    return result;
  }

  static StrategySpec preset(String name, StrategySpec base) {
    try {
      return StrategyPresets.apply(name, base);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--strategy: " + e.getMessage());
    }
  }
}
