package io.mtnas.adapter.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.mtnas.adapter.benchmark.TabularEvaluator;
import io.mtnas.adapter.bench.Stats;
import io.mtnas.domain.search.SearchSpec;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Measures the pipeline itself (populations, work manager, workers, serialization of nothing but
 * what crosses actors) with the table lookup as evaluator, so the figure is mtnas's own overhead
 * per evaluation. A benchmark, never a test: its numbers depend on the machine.
 */
@Command(
    name = "throughput",
    description = {
      "Run one spec repeatedly with the tabular evaluator and print evaluations per second and",
      "the wall and CPU microseconds per evaluation, for each worker count."
    },
    mixinStandardHelpOptions = true)
final class ThroughputCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SPEC", description = "search spec (JSON)")
  java.nio.file.Path specFile;

  @Mixin SearchOptions options;

  @Option(names = "--worker-counts", paramLabel = "LIST", split = ",", defaultValue = "1,4",
      description = "worker counts to measure, each 1.." + SearchSpec.MAX_WORKERS + " (default: ${DEFAULT-VALUE})")
  List<Integer> workerCounts;

  @Option(names = "--rounds", paramLabel = "N", defaultValue = "5",
      description = "measured searches per worker count, after one warm-up (default: ${DEFAULT-VALUE})")
  int rounds;

  @Option(names = "--events", description = "keep progress events on (off by default: the pipeline alone)")
  boolean events;

  @Override
  public Integer call() throws Exception {
    if (rounds < 1) {
      throw new BadInputException("--rounds must be >= 1, got " + rounds);
    }
    options.validate();
    for (int workers : workerCounts) {
      SearchOptions.checkWorkers("--worker-counts: each", workers);
    }
    CliContext cli = CliContext.load(options.benchmarks);
    SearchSpec base = options.apply(cli.readSpec(specFile));
    for (int workers : workerCounts) {
      options.warnIfMoreThanProcessors("--worker-counts", workers);
    }
    if (!events) {
      ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("mtnas.progress").setLevel(Level.WARN);
    }
    var cpu = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    TabularEvaluator evaluator = new TabularEvaluator(cli.tables());
    System.out.printf(Locale.ROOT, "spec %s, strategy %s, %d cores%n", base.name(), Summary.describe(base.strategy()),
        Runtime.getRuntime().availableProcessors());
    System.out.println("| workers | evaluations per search | evaluations/s | wall µs/eval | CPU µs/eval |");
    System.out.println("|---|---|---|---|---|");
    try (SearchRunner runner = new SearchRunner(cli.config(), cli.settings())) {
      for (int workers : workerCounts) {
        SearchSpec spec = base.withWorkers(workers);
        List<Double> rates = new ArrayList<>();
        List<Double> wallMicros = new ArrayList<>();
        List<Double> cpuMicros = new ArrayList<>();
        int evaluations = 0;
        for (int round = 0; round <= rounds; round++) {
          long cpuStart = cpu.getProcessCpuTime();
          long start = System.nanoTime();
          var done = runner.start("throughput-w" + workers + "-r" + round, spec.withSeed(base.seed() + round),
              evaluator, cli.resources(spec), r -> {}).get();
          double wall = (System.nanoTime() - start) / 1e3;
          double cpuTime = (cpu.getProcessCpuTime() - cpuStart) / 1e3;
          evaluations = done.report().totalEvaluations();
          if (round > 0) { // round 0 warms up the JIT
            rates.add(evaluations / (wall / 1e6));
            wallMicros.add(wall / evaluations);
            cpuMicros.add(cpuTime / evaluations);
          }
        }
        System.out.printf(Locale.ROOT, "| %d | %d | %.0f ± %.0f | %.1f | %.1f |%n", workers, evaluations,
            Stats.of(rates).mean(), Stats.of(rates).std(), Stats.of(wallMicros).median(), Stats.of(cpuMicros).median());
      }
    }
    return ExitCodes.OK;
  }
}
