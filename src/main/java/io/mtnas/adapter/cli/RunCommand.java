package io.mtnas.adapter.cli;

import io.mtnas.actor.SearchCoordinator;
import io.mtnas.adapter.benchmark.BenchmarkTables;
import io.mtnas.adapter.evaluator.TrainerTasksConfig;
import io.mtnas.domain.evaluation.Evaluator;
import io.mtnas.adapter.report.CurveChart;
import io.mtnas.adapter.report.CurveFigures;
import io.mtnas.adapter.report.Curves;
import io.mtnas.adapter.report.EvaluationsCsv;
import io.mtnas.adapter.report.ReportJson;
import io.mtnas.adapter.store.AtomicFiles;
import io.mtnas.domain.search.SearchSpec;
import io.mtnas.domain.search.TaskSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "run",
    description = {
      "Run one multi-task search on the tabular benchmarks and write report.json,",
      "evaluations.csv and events.jsonl to the output directory."
    },
    mixinStandardHelpOptions = true)
final class RunCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SPEC", description = "search spec (JSON), see docs/spec.md")
  Path specFile;

  @Mixin SearchOptions options;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "output directory (default: runs/<spec name>-seed<seed>)")
  Path out;

  @Option(names = "--plot",
      description = "also draw the best-so-far curve of each task to OUT/curves.svg (see --plot-y, --plot-x, --plot-format)")
  boolean plot;

  @Mixin PlotOptions plotOptions;

  @Override
  public Integer call() throws Exception {
    options.validate();
    CliContext cli = CliContext.load(options.benchmarks);
    BenchmarkTables tables = cli.tables();
    SearchSpec spec = options.apply(cli.readSpec(specFile));
    options.warnIfMoreThanProcessors(options.workersSource(), spec.workers());
    plotOptions.validate();
    if (plot && TrainerTasksConfig.trains(spec)) {
      throw new BadInputException("--plot draws the gap to a benchmark's optimum, which a training task does not"
          + " have; run without --plot");
    }
    Path outDir = out != null ? out : Path.of("runs", spec.name() + "-seed" + spec.seed());
    Files.createDirectories(outDir);
    boolean interactive = System.console() != null;
    ConsoleLogging.configure(outDir.resolve("events.jsonl"), interactive);

    String searchId = spec.name() + "-seed" + spec.seed();
    ConsoleStatus status = interactive ? new ConsoleStatus(spec, System.err) : null;
    SearchCoordinator.Done done;
    try (EvaluationJournal journal =
            new EvaluationJournal(outDir.resolve("evaluations.journal.csv"), metricNames(spec),
                cli.settings().journalFlushInterval());
        SearchRunner runner = new SearchRunner(cli.config(), cli.settings());
        Evaluator evaluator = cli.evaluator(spec)) {
      done =
          runner
              .start(searchId, spec, evaluator, cli.resources(spec), record -> {
                journal.accept(record);
                if (status != null) {
                  status.accept(record);
                }
              })
              .get();
      // every evaluation the report counts is in the journal before the report exists
      journal.close();
      if (journal.written() != done.records().size()) {
        throw new IllegalStateException("the journal holds " + journal.written() + " evaluations, the search "
            + done.records().size());
      }
      writeResults(outDir, spec, done, tables);
      if (plot) {
        writePlot(outDir, spec, done, tables);
      }
      journal.delete();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
    if (status != null) {
      status.finish();
    }
    Summary.print(System.err, done.report(), tables, outDir);
    ConsoleLogging.stop();
    return ExitCodes.OK;
  }

  private static void writeResults(
      Path outDir, SearchSpec spec, SearchCoordinator.Done done, BenchmarkTables tables) {
    List<String> taskOrder = spec.tasks().stream().map(TaskSpec::name).toList();
    AtomicFiles.write(outDir.resolve("evaluations.csv"), EvaluationsCsv.render(taskOrder, done.records()));
    AtomicFiles.write(outDir.resolve("report.json"), ReportJson.render(done.report(), tables));
  }

  private void writePlot(Path outDir, SearchSpec spec, SearchCoordinator.Done done, BenchmarkTables tables) {
    List<CurveFigures.TaskInfo> tasks = PlotOptions.tasks(spec, tables);
    String label = (options.strategy != null ? options.strategy.strip() : spec.strategy().kind().id())
        + ", seed " + spec.seed();
    var curves = Curves.bestSoFar(tasks.stream().map(CurveFigures.TaskInfo::name).toList(), done.records());
    String what = plotOptions.yAxis() == CurveFigures.YAxis.FITNESS ? "best fitness" : "gap to the optimum";
    CurveChart.Figure figure = CurveFigures.figure(
        spec.name() + ": " + what + " against evaluations", tasks, List.of(label),
        List.of(new CurveFigures.Run(label, curves)), plotOptions.yAxis(), plotOptions.xScale());
    plotOptions.write(outDir.resolve("curves"), figure);
  }

  static List<String> metricNames(SearchSpec spec) {
    return spec.tasks().stream()
        .flatMap(t -> t.evaluationTask().extraMetrics().stream())
        .distinct()
        .sorted()
        .toList();
  }
}
