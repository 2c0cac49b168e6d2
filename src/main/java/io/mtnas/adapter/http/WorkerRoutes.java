package io.mtnas.adapter.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtnas.actor.EvaluatorWorker;
import io.mtnas.protocol.WorkerCommand;
import io.mtnas.protocol.WorkerStatus;
import io.mtnas.protocol.WorkerStatusQuery;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/**
 * {@code GET /workers}: every evaluator worker registered in the cluster (the service's own pool
 * and those of {@code mtnas worker} nodes) with its node, device, whether it is busy (and on which
 * search) and the jobs it has done; and per node its devices. A worker that does not answer in
 * time (its node is going away) is listed as unreachable.
 */
final class WorkerRoutes {
  private final ActorSystem<?> system;
  private final ApiSettings settings;

  WorkerRoutes(ActorSystem<?> system, ApiSettings settings) {
    this.system = system;
    this.settings = settings;
  }

  CompletionStage<HttpResponse> list() {
    return AskPattern.<Receptionist.Command, Receptionist.Listing>ask(system.receptionist(),
            reply -> Receptionist.find(EvaluatorWorker.SERVICE_KEY, reply), settings.askTimeout(), system.scheduler())
        .thenCompose(listing -> {
          List<ActorRef<WorkerCommand>> workers = new ArrayList<>(listing.getServiceInstances(EvaluatorWorker.SERVICE_KEY));
          workers.sort(Comparator.comparing(w -> w.path().toString()));
          List<CompletableFuture<Optional<WorkerStatus>>> asks = new ArrayList<>();
          for (ActorRef<WorkerCommand> w : workers) {
            asks.add(AskPattern.<WorkerCommand, WorkerStatus>ask(w, WorkerStatusQuery::new, settings.askTimeout(),
                system.scheduler()).toCompletableFuture().thenApply(Optional::of)
                .exceptionally(e -> Optional.empty()));
          }
          return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new)).thenApply(x -> {
            ObjectNode root = ApiJson.MAPPER.createObjectNode();
            ArrayNode array = root.putArray("workers");
            Map<String, List<WorkerStatus>> byNode = new TreeMap<>();
            for (int i = 0; i < workers.size(); i++) {
              Optional<WorkerStatus> answer = asks.get(i).join();
              ObjectNode n = array.addObject();
              if (answer.isEmpty()) {
                n.put("id", workers.get(i).path().name());
                n.put("node", workers.get(i).path().address().toString());
                n.put("reachable", false);
                continue;
              }
              WorkerStatus s = answer.get();
              byNode.computeIfAbsent(s.node(), k -> new ArrayList<>()).add(s);
              n.put("id", s.workerId());
              n.put("node", s.node());
              n.putArray("devices").add(s.device()); // one per worker; a node's are under "nodes"
              n.put("reachable", true);
              n.put("busy", s.busy());
              if (s.search().isPresent()) {
                n.put("search", s.search().get());
              } else {
                n.putNull("search");
              }
              n.put("jobs_done", s.jobsDone());
            }
            ArrayNode nodes = root.putArray("nodes");
            byNode.forEach((node, list) -> {
              ObjectNode n = nodes.addObject();
              n.put("node", node);
              ArrayNode devices = n.putArray("devices");
              WorkerStatus.devices(list).forEach(devices::add);
              n.put("workers", list.size());
              n.put("busy", list.stream().filter(WorkerStatus::busy).count());
            });
            return ApiRoutes.json(StatusCodes.OK, root);
          });
        });
  }
}
