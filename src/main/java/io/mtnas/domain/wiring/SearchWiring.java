package io.mtnas.domain.wiring;

import io.mtnas.domain.embedding.Embedder;
import io.mtnas.domain.embedding.Embedders;
import io.mtnas.domain.embedding.OneHotEmbedder;
import io.mtnas.domain.evaluation.Direction;
import io.mtnas.domain.population.PopulationState;
import io.mtnas.domain.predictor.FeatureMap;
import io.mtnas.domain.predictor.GaussianProcessRegressor;
import io.mtnas.domain.predictor.PredictorSettings;
import io.mtnas.domain.predictor.ProxySource;
import io.mtnas.domain.predictor.Regressor;
import io.mtnas.domain.predictor.RetrainSchedule;
import io.mtnas.domain.search.GuidanceSpec;
import io.mtnas.domain.search.PriorResults;
import io.mtnas.domain.search.SearchResources;
import io.mtnas.domain.search.SearchSpec;
import io.mtnas.domain.search.StrategySpec;
import io.mtnas.domain.search.TaskSpec;
import io.mtnas.domain.search.TransferSpec;
import io.mtnas.domain.space.SearchSpace;
import io.mtnas.domain.space.SearchSpaces;
import io.mtnas.domain.tasksearch.TaskSearch;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a search is built from, decided from its spec and the edges' resources: the shared
 * predictor's features, regressor and settings (when the strategy is guided by one), the transfer
 * arbiter's embedding and settings (when tasks share architectures), and each task's starting
 * search. The actor layer only spawns what this describes.
 *
 * <p>Building it can take most of a second (node2vec trains its embedding), so callers build it
 * off their actor thread.
 */
public record SearchWiring(
    SearchSpec spec, SearchSpace space, ProxySource proxies, Optional<Predictor> predictor,
    Optional<Arbiter> arbiter) {

  /** The shared predictor: what it encodes, which model learns from it, and when it retrains. */
  public record Predictor(
      FeatureMap features, Regressor regressor, PredictorSettings settings, RetrainSchedule retrain,
      Map<String, Direction> directions, PriorResults prior) {}

  /** The transfer arbiter: which tasks exchange architectures, judged in which embedding. */
  public record Arbiter(List<String> tasks, Map<String, Direction> directions, int populationSize, TransferSpec transfer,
      Embedder embedder, long seed, PriorResults prior) {}

  /**
   * @throws IllegalStateException when the spec asks for a learned predictor that {@code resources}
   *     cannot provide
   */
  public static SearchWiring of(SearchSpec spec, SearchResources resources) {
    SearchSpace space = SearchSpaces.byId(spec.space());
    StrategySpec strategy = spec.strategy();
    // tasks that join later are added as their results appear (TaskOrder), as live joins are
    // earlier searches' tasks (warm_from) come after the starting ones, in a fixed order
    PriorResults prior = resources.prior();
    List<String> taskNames = new java.util.ArrayList<>(spec.startingTasks().stream().map(TaskSpec::name).toList());
    taskNames.addAll(prior.tasks());
    // a pool of samples alone (candidates 1, samples >= 1) is ranked by the predictor too
    boolean predicted = strategy.guidance().guided() && strategy.guidance().predictor();
    boolean arbitrated = strategy.transfer().enabled() && spec.tasks().size() > 1;
    // Built only when something reads it: node2vec trains for most of a second.
    boolean embedded = predicted || (arbitrated && strategy.transfer().mode() == TransferSpec.Mode.RANK);
    Embedder embedder = embedded ? Embedders.of(strategy.embedding(), space) : new OneHotEmbedder(space);
    Optional<Predictor> predictor = predicted
        ? Optional.of(predictor(spec, resources, embedder, taskNames)) : Optional.empty();
    Optional<Arbiter> arbiter = arbitrated
        ? Optional.of(new Arbiter(List.copyOf(taskNames), directions(spec, prior), strategy.populationSize(),
            strategy.transfer(), embedder, spec.seed(), prior))
        : Optional.empty();
    return new SearchWiring(spec, space, resources.proxies(), predictor, arbiter);
  }

  private static Predictor predictor(
      SearchSpec spec, SearchResources resources, Embedder embedder, List<String> taskNames) {
    GuidanceSpec guidance = spec.strategy().guidance();
    Regressor regressor = guidance.model() == GuidanceSpec.Model.GP
        ? new GaussianProcessRegressor(guidance.gp())
        : resources.regressor().orElseThrow(() -> new IllegalStateException(
            "the spec asks for a predictor but this process has no regression library"));
    List<String> proxyMetrics = guidance.zeroCost()
        ? spec.startingTasks().stream().flatMap(t -> t.proxyMetrics().stream()).distinct().toList()
        : List.of();
    FeatureMap features = new FeatureMap(embedder, resources.proxies(), proxyMetrics, taskNames);
    Map<String, Direction> directions = directions(spec, resources.prior());
    PredictorSettings defaults = PredictorSettings.defaults();
    PredictorSettings settings = new PredictorSettings(
        guidance.predictorOtherTasks(), defaults.otherTaskWeight(), defaults.minimumOwnResults());
    // one training point per round of the jobs in flight; 1 worker: every outcome, as always
    RetrainSchedule retrain = resources.retrain().withStride(spec.workers());
    return new Predictor(features, regressor, settings, retrain, directions, resources.prior());
  }

  private static Map<String, Direction> directions(SearchSpec spec, PriorResults prior) {
    Map<String, Direction> directions = new LinkedHashMap<>(prior.directions());
    spec.tasks().forEach(t -> directions.put(t.name(), t.direction()));
    return Map.copyOf(directions);
  }

  /** Task {@code task}'s search before its first candidate, consulting the peers wired here. */
  public TaskSearch taskSearch(TaskSpec task) {
    TaskSearch.Settings settings = new TaskSearch.Settings(spec.seed(), spec.parallelismPerTask(),
        predictor.isPresent(), arbiter.isPresent(), proxies);
    return TaskSearch.start(PopulationState.of(task, space, spec.strategy()), settings);
  }
}
