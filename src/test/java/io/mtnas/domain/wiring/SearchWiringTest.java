package io.mtnas.domain.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtnas.domain.evaluation.Direction;
import io.mtnas.domain.predictor.GaussianProcessRegressor;
import io.mtnas.domain.predictor.ProxySource;
import io.mtnas.domain.predictor.Regressor;
import io.mtnas.domain.predictor.RetrainSchedule;
import io.mtnas.domain.search.SearchResources;
import io.mtnas.domain.search.SearchSpec;
import io.mtnas.domain.search.StrategyPresets;
import io.mtnas.domain.search.StrategySpec;
import io.mtnas.domain.search.TaskSpec;
import io.mtnas.domain.search.TransferSpec;
import io.mtnas.domain.tasksearch.TaskEffect;
import io.mtnas.domain.tasksearch.TaskInput;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class SearchWiringTest {
  private static final ProxySource PROXY = (metric, a) -> a.index();
  private static final Regressor LIBRARY = new Regressor() {
    @Override
    public String id() {
      return "library";
    }

    @Override
    public io.mtnas.domain.predictor.Model fit(io.mtnas.domain.predictor.TrainingSet data) {
      throw new UnsupportedOperationException("never trained here");
    }
  };
  private static final SearchResources RESOURCES =
      new SearchResources(PROXY, Optional.of(LIBRARY), RetrainSchedule.defaults());

  private static TaskSpec task(String name, Direction direction, List<String> proxies) {
    return new TaskSpec(name, "synthetic", "fitness", direction, OptionalDouble.empty(), 20, List.of(), proxies,
        Optional.empty());
  }

  private static SearchSpec spec(String preset, TaskSpec... tasks) {
    StrategySpec base = StrategySpec.rea(10, 5).withEmbedding("onehot");
    return new SearchSpec("s", "nb201", 7, 1, StrategyPresets.apply(preset, base), List.of(tasks));
  }

  private static final TaskSpec A = task("a", Direction.MAX, List.of("synflow"));
  private static final TaskSpec B = task("b", Direction.MIN, List.of("synflow", "jacov"));

  @Test
  void plainEvolutionWiresNoPeers() {
    SearchWiring wiring = SearchWiring.of(spec("rea", A, B), RESOURCES);
    assertThat(wiring.predictor()).isEmpty();
    assertThat(wiring.arbiter()).isEmpty();
    assertThat(wiring.proxies()).isSameAs(PROXY);
  }

  @Test
  void transferAloneWiresAnArbiterWithTheSearchSeedButNoPredictor() {
    SearchWiring wiring = SearchWiring.of(spec("random-transfer", A, B), RESOURCES);
    assertThat(wiring.predictor()).isEmpty();
    SearchWiring.Arbiter arbiter = wiring.arbiter().orElseThrow();
    assertThat(arbiter.tasks()).containsExactly("a", "b");
    assertThat(arbiter.seed()).isEqualTo(7);
    assertThat(arbiter.transfer().mode()).isEqualTo(TransferSpec.Mode.RANDOM);
  }

  @Test
  void aSingleTaskHasNoArbiterEvenWhenTheStrategyTransfers() {
    assertThat(SearchWiring.of(spec("ktnas", A), RESOURCES).arbiter()).isEmpty();
  }

  @Test
  void ktnasTrainsTheLibraryRegressorOnEmbeddingProxiesAndTasks() {
    SearchWiring wiring = SearchWiring.of(spec("ktnas", A, B), RESOURCES);
    SearchWiring.Predictor predictor = wiring.predictor().orElseThrow();
    assertThat(predictor.regressor()).isSameAs(LIBRARY);
    assertThat(predictor.directions()).containsEntry("a", Direction.MAX).containsEntry("b", Direction.MIN);
    assertThat(predictor.features().tasks()).containsExactly("a", "b");
    // the distinct proxies of all tasks (synflow, jacov) sit between the embedding and the task one-hot
    assertThat(predictor.features().layout().taskStart() - predictor.features().layout().embeddingWidth())
        .isEqualTo(2);
    assertThat(wiring.arbiter()).isPresent();
    // the arbiter judges transfers in the predictor's embedding
    assertThat(wiring.arbiter().orElseThrow().embedder().dimension())
        .isEqualTo(predictor.features().layout().embeddingWidth());
  }

  @Test
  void thePredictorRetrainsOncePerRoundOfTheJobsInFlight() {
    SearchSpec one = spec("ktnas", A, B);
    SearchSpec many = new SearchSpec(one.name(), one.space(), one.seed(), 16, one.strategy(), one.tasks());
    assertThat(SearchWiring.of(one, RESOURCES).predictor().orElseThrow().retrain())
        .isEqualTo(RESOURCES.retrain());
    assertThat(SearchWiring.of(many, RESOURCES).predictor().orElseThrow().retrain())
        .isEqualTo(RESOURCES.retrain().withStride(16));
  }

  @Test
  void ktnasGpBringsItsOwnGaussianProcessAndNoProxies() {
    SearchWiring wiring = SearchWiring.of(spec("ktnas-gp", A, B), SearchResources.none());
    SearchWiring.Predictor predictor = wiring.predictor().orElseThrow();
    assertThat(predictor.regressor()).isInstanceOf(GaussianProcessRegressor.class);
    assertThat(predictor.features().layout().taskStart()).isEqualTo(predictor.features().layout().embeddingWidth());
  }

  @Test
  void aPredictorWithoutARegressionLibraryIsAClearError() {
    assertThatThrownBy(() -> SearchWiring.of(spec("ktnas", A, B), SearchResources.none()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no regression library");
  }

  @Test
  void eachTaskSearchStartsOnItsOwnTaskAndAsksThePeersTheWiringHas() {
    SearchWiring wiring = SearchWiring.of(spec("ktnas", A, B), RESOURCES);
    var start = wiring.taskSearch(B).apply(TaskInput.Start.INSTANCE);
    assertThat(start.next().population().task().name()).isEqualTo("b");
    // a guided search's first fill samples a pool and asks the predictor to score it
    assertThat(start.effects()).anyMatch(e -> e instanceof TaskEffect.Dispatch || e instanceof TaskEffect.AskScores);
  }
}
