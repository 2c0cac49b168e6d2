package io.mtnas.domain.tasksearch;

import io.mtnas.domain.evaluation.Direction;
import io.mtnas.domain.evaluation.EvaluationJob;
import io.mtnas.domain.evaluation.EvaluationOutcome;
import io.mtnas.domain.population.PopulationState;
import io.mtnas.domain.predictor.ProxySource;
import io.mtnas.domain.search.StrategyPresets;
import io.mtnas.domain.search.StrategySpec;
import io.mtnas.domain.search.TaskSpec;
import io.mtnas.domain.search.TransferSpec;
import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.space.SearchSpace;
import io.mtnas.domain.space.SearchSpaces;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** Synthetic tasks and helpers for driving a {@link TaskSearch} without actors. */
final class TaskSearches {
  static final SearchSpace NB201 = SearchSpaces.nb201();
  /** A proxy that likes architectures with a low index: deterministic and cheap. */
  static final ProxySource PROXY = (metric, a) -> -(double) a.index();

  private TaskSearches() {}

  static TaskSpec task(String name, int budget, OptionalDouble threshold) {
    return new TaskSpec(name, "synthetic", "fitness", Direction.MAX, threshold, budget, List.of(), List.of("synflow"),
        Optional.empty());
  }

  /** A smooth landscape over NB201 indices in [0, 1). */
  static double fitness(Architecture a) {
    return (a.index() * 2654435761L % 15625) / 15625.0;
  }

  static StrategySpec rea() {
    return StrategySpec.rea(10, 5);
  }

  static StrategySpec reaWithTransfer() {
    return rea().withTransfer(rea().transfer().withMode(TransferSpec.Mode.RANDOM));
  }

  static StrategySpec guided() {
    return StrategyPresets.apply("ktnas", rea());
  }

  static TaskSearch search(StrategySpec strategy, int budget, int parallelism, long seed) {
    boolean predictor = strategy.guidance().guided() && strategy.guidance().predictor();
    return TaskSearch.start(PopulationState.of(task("t", budget, OptionalDouble.empty()), NB201, strategy),
        new TaskSearch.Settings(seed, parallelism, predictor, strategy.transfer().enabled(), PROXY));
  }

  static EvaluationOutcome.Scored scored(EvaluationJob job) {
    return new EvaluationOutcome.Scored(job.id(), job.architecture(), fitness(job.architecture()), Map.of(), 1.0);
  }

  static EvaluationOutcome.Failed failed(EvaluationJob job) {
    return new EvaluationOutcome.Failed(job.id(), job.architecture(), EvaluationOutcome.FailureKind.INVALID, "synthetic");
  }

  static TaskInput.ResultArrived arrived(EvaluationOutcome outcome, long sequence) {
    return new TaskInput.ResultArrived(outcome, sequence, "w1", 10, sequence);
  }

  static List<EvaluationJob> dispatched(List<TaskEffect> effects) {
    return effects.stream().filter(e -> e instanceof TaskEffect.Dispatch).map(e -> (TaskEffect.Dispatch) e)
        .flatMap(d -> d.jobs().stream()).toList();
  }

  static <T extends TaskEffect> List<T> only(List<TaskEffect> effects, Class<T> type) {
    return effects.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
