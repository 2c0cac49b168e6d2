package io.mtnas.adapter.http;

import io.mtnas.actor.SearchService;
import io.mtnas.adapter.benchmark.BenchmarkTables;
import io.mtnas.adapter.spec.SpecReader;
import io.mtnas.adapter.spec.SpecWriter;
import io.mtnas.domain.evaluation.Evaluator;
import io.mtnas.domain.search.SearchResources;
import io.mtnas.domain.search.SearchSpec;
import java.util.function.Function;

/** The service's edges for a search: how it is evaluated, and its spec stored as the documented JSON. */
public final class ServiceLauncher implements SearchService.Launcher {
  private final Function<SearchSpec, Evaluator> evaluators;
  private final Function<SearchSpec, SearchResources> resources;
  private final BenchmarkTables tables;

  public ServiceLauncher(Function<SearchSpec, Evaluator> evaluators, Function<SearchSpec, SearchResources> resources,
      BenchmarkTables tables) {
    this.evaluators = evaluators;
    this.resources = resources;
    this.tables = tables;
  }

  @Override
  public Evaluator evaluator(SearchSpec spec) {
    return evaluators.apply(spec);
  }

  @Override
  public SearchResources resources(SearchSpec spec) {
    return resources.apply(spec);
  }

  @Override
  public String specJson(SearchSpec spec) {
    return SpecWriter.toJson(spec);
  }

  @Override
  public SearchSpec spec(String json) {
    return new SpecReader().parse("stored search spec", json, tables);
  }
}
