package io.mtnas.adapter.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.mtnas.adapter.benchmark.BenchmarkLocation;
import io.mtnas.adapter.benchmark.BenchmarkTables;
import io.mtnas.adapter.benchmark.TableProxySource;
import io.mtnas.adapter.benchmark.TabularEvaluator;
import io.mtnas.adapter.evaluator.ProcessEvaluator;
import io.mtnas.adapter.evaluator.SimulatedTimeEvaluator;
import io.mtnas.domain.evaluation.RoutingEvaluator;
import io.mtnas.adapter.evaluator.TrainerTasksConfig;
import io.mtnas.domain.evaluation.Evaluator;
import io.mtnas.domain.predictor.ComputedProxies;
import io.mtnas.domain.predictor.ProxySource;
import java.util.HashMap;
import java.util.Map;
import io.mtnas.adapter.predictor.XgboostRegressor;
import io.mtnas.domain.search.SearchResources;
import io.mtnas.adapter.spec.SpecException;
import io.mtnas.adapter.spec.SpecReader;
import io.mtnas.config.MtnasSettings;
import io.mtnas.domain.search.SearchSpec;
import java.nio.file.Path;
import java.util.Optional;

/** What every command starts from: configuration, settings and the benchmark tables (none when their directory is missing). */
record CliContext(Config config, MtnasSettings settings, BenchmarkLocation location, BenchmarkTables tables) {

  static CliContext load(String benchmarksFlag) {
    Config config = ConfigFactory.load();
    MtnasSettings settings = MtnasSettings.from(config);
    BenchmarkLocation location =
        BenchmarkLocation.locate(
            Optional.ofNullable(benchmarksFlag),
            System.getenv(),
            settings.benchmarksDir(),
            Path.of("").toAbsolutePath());
    // a search whose tasks all train runs without tables; a tabular one fails naming the directory
    BenchmarkTables tables = location.exists()
        ? BenchmarkTables.open(location.directory())
        : BenchmarkTables.absent(location.directory(), location.missing());
    return new CliContext(config, settings, location, tables);
  }

  CliContext withConfig(Config changed) {
    return new CliContext(changed, settings, location, tables);
  }

  /** The free signals and predictor library for a search of the given spec on the tables. */
  SearchResources resources(SearchSpec spec) {
    String benchmark = spec.tasks().get(0).benchmark();
    return new SearchResources(
        new ComputedProxies().before(
            tables.has(benchmark) ? new TableProxySource(tables.get(benchmark)) : ProxySource.NONE),
        Optional.of(new XgboostRegressor(XgboostRegressor.Settings.defaults())),
        settings.retrain());
  }

  /** Tables for tabular tasks, trainer processes for training tasks. Close it when done. */
  Evaluator evaluator(SearchSpec spec) {
    Evaluator tabular = SimulatedTimeEvaluator.wrap(new TabularEvaluator(tables),
        config.getDouble("mtnas.simulated-time.scale"), config.getDuration("mtnas.simulated-time.fixed"));
    if (!TrainerTasksConfig.trains(spec)) {
      return tabular;
    }
    ProcessEvaluator trainer = TrainerTasksConfig.evaluator(config, spec, Path.of("").toAbsolutePath());
    Map<String, Evaluator> routes = new HashMap<>();
    spec.tasks().stream().filter(t -> t.trainer().isPresent()).forEach(t -> routes.put(t.name(), trainer));
    return new RoutingEvaluator(routes, tabular);
  }

  /** Reads the spec and checks it against the tables (its benchmarks and columns exist). */
  SearchSpec readSpec(Path file) {
    SearchSpec spec = new SpecReader().read(file, tables);
    if (!spec.warmFrom().isEmpty()) {
      throw new SpecException(file + ": $.warm_from: names searches of a service (mtnas serve); this command has"
          + " none to start from, remove it");
    }
    return spec;
  }
}
