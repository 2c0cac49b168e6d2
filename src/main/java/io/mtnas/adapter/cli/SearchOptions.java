package io.mtnas.adapter.cli;

import io.mtnas.domain.search.SearchSpec;
import io.mtnas.domain.search.StrategyPresets;
import io.mtnas.domain.search.StrategySpec;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Flags that override a spec's settings, shared by {@code run} and {@code bench}. */
final class SearchOptions {
  @Option(names = "--seed", paramLabel = "N", description = "random seed (overrides the spec's)")
  Long seed;

  @Option(
      names = "--workers",
      paramLabel = "N",
      description = "evaluator workers, 1.." + SearchSpec.MAX_WORKERS + " (overrides the spec's)")
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

  /** The command these options belong to: where warnings go (its error writer). */
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  /** Checks the flags that need no spec; call it before reading the spec. */
  void validate() {
    if (workers != null) {
      checkWorkers("--workers", workers);
    }
  }

  SearchSpec apply(SearchSpec spec) {
    SearchSpec result = spec;
    if (seed != null) {
      result = result.withSeed(seed);
    }
    if (workers != null) {
      result = result.withWorkers(checkWorkers("--workers", workers));
    }
    if (strategy != null) {
      result = result.withStrategy(preset(strategy, result.strategy()));
    }
    return result;
  }

  /** {@code n} when it is a worker count a search may start, else a bad-input failure naming {@code option}. */
  static int checkWorkers(String option, int n) {
    if (n < 1 || n > SearchSpec.MAX_WORKERS) {
      throw new BadInputException(option + " must be in 1.." + SearchSpec.MAX_WORKERS
          + " (the most evaluator workers one search may start), got " + n);
    }
    return n;
  }

  /**
   * Warns on the command's error stream when a search would start more evaluator workers than
   * this machine has processors: the command line starts all of them locally, in this process.
   */
  void warnIfMoreThanProcessors(String what, int workerCount) {
    int processors = Runtime.getRuntime().availableProcessors();
    if (workerCount > processors) {
      PrintWriter err = command.commandLine().getErr();
      err.println("mtnas: warning: " + what + " " + workerCount + " is more than the " + processors
          + " available processors; the evaluator workers all run on this machine, so the extra ones"
          + " wait for a processor");
      err.flush();
    }
  }

  /** How the warning names where the spec's worker count came from. */
  String workersSource() {
    return workers != null ? "--workers" : "workers (from the spec)";
  }

  static StrategySpec preset(String name, StrategySpec base) {
    try {
      return StrategyPresets.apply(name, base);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--strategy: " + e.getMessage());
    }
  }
}
