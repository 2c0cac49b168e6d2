package io.mtnas.adapter.cli;

import com.typesafe.config.Config;
import io.mtnas.actor.ProgressEvents;
import io.mtnas.actor.SearchCoordinator;
import io.mtnas.actor.SearchHost;
import io.mtnas.domain.search.SearchResources;
import io.mtnas.config.MtnasSettings;
import io.mtnas.domain.evaluation.Evaluator;
import io.mtnas.domain.search.EvaluationRecord;
import io.mtnas.domain.search.SearchSpec;
import io.mtnas.protocol.WorkerCommand;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * One ActorSystem that runs searches for a command: {@code run} starts one, {@code bench} many at
 * once. Each search gets its own local workers under its own Receptionist key.
 */
final class SearchRunner implements AutoCloseable {
  private final ActorSystem<SearchHost.RunSearch> system;
  private final ExecutorService blocking;
  private final int eventBufferCapacity;

  SearchRunner(Config config, MtnasSettings settings) {
    this.eventBufferCapacity = settings.eventBufferCapacity();
    this.blocking =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "mtnas-evaluator");
              t.setDaemon(true);
              return t;
            });
    this.system = ActorSystem.create(SearchHost.create(settings.work(), blocking), "mtnas", config);
  }

  CompletableFuture<SearchCoordinator.Done> start(
      String searchId, SearchSpec spec, Evaluator evaluator, Consumer<EvaluationRecord> sink) {
    return start(searchId, spec, evaluator, SearchResources.none(), sink);
  }

  CompletableFuture<SearchCoordinator.Done> start(
      String searchId, SearchSpec spec, Evaluator evaluator, SearchResources resources,
      Consumer<EvaluationRecord> sink) {
    var result = new CompletableFuture<SearchCoordinator.Done>();
    system.tell(
        new SearchHost.RunSearch(
            searchId,
            spec,
            evaluator,
            spec.workers(),
            ServiceKey.create(WorkerCommand.class, "mtnas-evaluator-" + searchId),
            sink,
            result,
            resources,
            ProgressEvents.logging(searchId, eventBufferCapacity),
            false));
    return result;
  }

  @Override
  public void close() {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      // shutting down anyway; the search results are already written
    }
    blocking.shutdownNow();
  }
}
