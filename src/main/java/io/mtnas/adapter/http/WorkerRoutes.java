package io.mtnas.adapter.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtnas.actor.EvaluatorWorker;
import io.mtnas.actor.SearchService;
import io.mtnas.protocol.WorkerCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/**
 * {@code GET /workers}: every evaluator worker of the service with its node, devices, whether it is
 * busy (and on which search) and the jobs it has done.
 */
final class WorkerRoutes {
  private final ActorSystem<?> system;
  private final ActorRef<SearchService.Command> service;
  private final ApiSettings settings;

  WorkerRoutes(ActorSystem<?> system, ActorRef<SearchService.Command> service, ApiSettings settings) {
    this.system = system;
    this.service = service;
    this.settings = settings;
  }

  CompletionStage<HttpResponse> list() {
    return AskPattern.<SearchService.Command, List<ActorRef<WorkerCommand>>>ask(service,
            SearchService.ListWorkers::new, settings.askTimeout(), system.scheduler())
        .thenCompose(workers -> {
          List<CompletableFuture<EvaluatorWorker.WorkerStatus>> asks = new ArrayList<>();
          for (ActorRef<WorkerCommand> w : workers) {
            asks.add(AskPattern.<WorkerCommand, EvaluatorWorker.WorkerStatus>ask(w, EvaluatorWorker.Status::new,
                settings.askTimeout(), system.scheduler()).toCompletableFuture());
          }
          return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new)).thenApply(x -> {
            ObjectNode root = ApiJson.MAPPER.createObjectNode();
            var array = root.putArray("workers");
            for (CompletableFuture<EvaluatorWorker.WorkerStatus> a : asks) {
              EvaluatorWorker.WorkerStatus s = a.join();
              ObjectNode n = array.addObject();
              n.put("id", s.workerId());
              n.put("node", s.node());
              n.putArray("devices").add("cpu"); // local workers evaluate on this node's CPUs
              n.put("busy", s.busy());
              if (s.search().isPresent()) {
                n.put("search", s.search().get());
              } else {
                n.putNull("search");
              }
              n.put("jobs_done", s.jobsDone());
            }
            return ApiRoutes.json(StatusCodes.OK, root);
          });
        });
  }
}
