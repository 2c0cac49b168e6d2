package io.mtnas.adapter.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.mtnas.adapter.bench.BenchTable;
import io.mtnas.adapter.bench.RunOutcome;
import io.mtnas.adapter.bench.SeedRange;
import io.mtnas.adapter.benchmark.TabularEvaluator;
import io.mtnas.adapter.evaluator.TrainerTasksConfig;
import io.mtnas.adapter.report.CurveChart;
import io.mtnas.adapter.report.CurveFigures;
import io.mtnas.adapter.store.AtomicFiles;
import io.mtnas.domain.search.SearchSpec;
import io.mtnas.domain.search.StrategySpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "bench",
    description = {
      "Run many seeded searches of one spec, per strategy, and print a table: evaluations to",
      "threshold per task and in total, or final fitness, gap to the optimum and rank."
    },
    mixinStandardHelpOptions = true)
final class BenchCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SPEC", description = "search spec (JSON)")
  Path specFile;

  @Mixin SearchOptions options;

  @Option(names = "--seeds", paramLabel = "LIST", defaultValue = "1..30",
      description = "seeds, e.g. 1..30 or 1,2,7 (default: ${DEFAULT-VALUE})")
  String seeds;

  @Option(names = "--strategies", paramLabel = "LIST", split = ",",
      description = "strategy presets to compare, e.g. random,rea,ktnas (default: spec, the spec's own)")
  List<String> strategies;

  @Option(names = "--parallel", paramLabel = "N",
      description = "searches run at once (default: available processors)")
  Integer parallel;

  @Option(names = "--markdown", paramLabel = "FILE", description = "also write the table to FILE")
  Path markdown;

  @Option(names = "--csv", paramLabel = "FILE", description = "also write one row per run and task")
  Path csv;

  @Option(names = "--plot", paramLabel = "DIR",
      description = {"also draw best-so-far curves, one line per strategy (mean over seeds, interquartile band):",
          "DIR/<spec>.svg with every task, DIR/<spec>-<task>.svg per task (see --plot-y, --plot-x, --plot-format)"})
  Path plot;

  @Mixin PlotOptions plotOptions;

  @Override
  public Integer call() throws Exception {
    List<Long> seedList = parseSeeds();
    options.validate();
    CliContext cli = CliContext.load(options.benchmarks);
    SearchSpec base = options.apply(cli.readSpec(specFile));
    options.warnIfMoreThanProcessors(options.workersSource(), base.workers());
    if (TrainerTasksConfig.trains(base)) {
      throw new BadInputException("bench compares strategies on benchmark tables; " + specFile
          + " has training tasks: run them with mtnas run");
    }
    List<String> strategyIds =
        strategies == null || strategies.isEmpty()
            ? List.of("spec")
            : strategies.stream().map(String::strip).distinct().toList();
    strategyIds.forEach(s -> SearchOptions.preset(s, base.strategy()));
    plotOptions.validate();
    int concurrent = parallel != null ? parallel : Runtime.getRuntime().availableProcessors();
    if (concurrent < 1) {
      throw new BadInputException("--parallel must be >= 1, got " + concurrent);
    }
    // Thousands of searches would print millions of progress lines; the table is the output.
    ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("mtnas.progress").setLevel(Level.WARN);

    TabularEvaluator evaluator = new TabularEvaluator(cli.tables());
    List<CompletableFuture<RunOutcome>> pending = new ArrayList<>();
    Semaphore slots = new Semaphore(concurrent);
    long started = System.nanoTime();
    try (SearchRunner runner = new SearchRunner(cli.config(), cli.settings())) {
      for (String strategy : strategyIds) {
        for (long seed : seedList) {
          SearchSpec spec =
              base.withSeed(seed).withStrategy(SearchOptions.preset(strategy, base.strategy()));
          slots.acquire();
          String id = spec.name() + "-" + strategy + "-seed" + seed;
          pending.add(
              runner.start(id, spec, evaluator, cli.resources(spec), r -> {})
                  .whenComplete((done, error) -> slots.release())
                  .thenApply(done -> RunOutcome.of(strategy, seed, done.report(), done.records(), cli.tables())));
        }
      }
      List<RunOutcome> runs = new ArrayList<>();
      for (CompletableFuture<RunOutcome> f : pending) {
        try {
          runs.add(f.get());
        } catch (ExecutionException e) {
          throw e.getCause() instanceof Exception cause ? cause : e;
        }
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      String table = BenchTable.markdown(base, strategyIds, seedList, runs);
      String footer = String.format(Locale.ROOT,
          "%n%d searches in %.1f s (%d at once).%n", runs.size(), seconds, concurrent);
      System.out.print(table);
      System.out.print(footer);
      if (markdown != null) {
        AtomicFiles.write(markdown, table + footer);
      }
      if (csv != null) {
        AtomicFiles.write(csv, BenchTable.csv(runs));
      }
      if (plot != null) {
        writePlots(base, strategyIds, seedList, runs, cli);
      }
    }
    return ExitCodes.OK;
  }

  private void writePlots(
      SearchSpec base, List<String> strategyIds, List<Long> seedList, List<RunOutcome> runs, CliContext cli) {
    List<CurveFigures.TaskInfo> tasks = PlotOptions.tasks(base, cli.tables());
    List<CurveFigures.Run> curves =
        runs.stream().map(r -> new CurveFigures.Run(r.strategy(), r.curves())).toList();
    String what = plotOptions.yAxis() == CurveFigures.YAxis.FITNESS ? "best fitness" : "gap to the optimum";
    CurveChart.Figure figure = CurveFigures.figure(
        base.name() + ": " + what + " against evaluations, " + seedList.size() + " seed"
            + (seedList.size() == 1 ? "" : "s"),
        tasks, strategyIds, curves, plotOptions.yAxis(), plotOptions.xScale());
    List<Path> written = new ArrayList<>(plotOptions.write(plot.resolve(base.name()), figure));
    for (int i = 0; i < tasks.size(); i++) {
      written.addAll(plotOptions.write(plot.resolve(base.name() + "-" + tasks.get(i).name()), figure.only(i)));
    }
    System.err.println("plots: " + written.stream().map(Path::toString).collect(Collectors.joining(", ")));
  }

  private List<Long> parseSeeds() {
    try {
      return SeedRange.parse(seeds);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--seeds: " + e.getMessage());
    }
  }

  static List<String> split(String csv) {
    return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
