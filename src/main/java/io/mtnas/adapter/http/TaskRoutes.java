package io.mtnas.adapter.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtnas.actor.SearchService;
import io.mtnas.adapter.benchmark.BenchmarkTables;
import io.mtnas.adapter.spec.SpecException;
import io.mtnas.adapter.spec.SpecReader;
import io.mtnas.domain.search.TaskSpec;
import io.mtnas.domain.service.SearchEntry;
import io.mtnas.domain.service.SearchRegistry;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.Location;

/**
 * {@code POST /searches/{id}/tasks} (docs/api.md): a task, in the JSON of a spec's task, joins a
 * search that is not over. It is checked against the tables and the search (its space, its other
 * tasks, its strategy) before anything is stored.
 */
final class TaskRoutes {
  private final ActorSystem<?> system;
  private final ActorRef<SearchService.Command> service;
  private final BenchmarkTables tables;
  private final ApiSettings settings;

  TaskRoutes(ActorSystem<?> system, ActorRef<SearchService.Command> service, BenchmarkTables tables,
      ApiSettings settings) {
    this.system = system;
    this.service = service;
    this.tables = tables;
    this.settings = settings;
  }

  CompletionStage<HttpResponse> join(HttpRequest request, String id) {
    Optional<Problem> refused = JsonBody.refused(request.entity(), settings, "a task");
    if (refused.isPresent()) {
      return CompletableFuture.completedFuture(refused.get().response(ApiRoutes.path(request)));
    }
    return JsonBody.text(request.entity(), settings, system).thenCompose(text -> {
      JsonNode body = tree(text);
      return AskPattern.<SearchService.Command, Optional<SearchEntry>>ask(service,
              replyTo -> new SearchService.Get(id, replyTo), settings.askTimeout(), system.scheduler())
          .thenCompose(found -> {
            if (found.isEmpty()) {
              return CompletableFuture.completedFuture(ApiRoutes.unknown(request, id));
            }
            TaskSpec task;
            try {
              task = new SpecReader().parseTask("request body", text, found.get().currentSpec(), tables);
            } catch (SpecException e) {
              return CompletableFuture.completedFuture(ApiRoutes.specProblem(request, e, body));
            }
            return AskPattern.<SearchService.Command, SearchRegistry.Outcome>ask(service,
                    replyTo -> new SearchService.JoinTask(id, task, replyTo), settings.askTimeout(), system.scheduler())
                .thenApply(o -> joined(request, id, task, o));
          });
    });
  }

  private static HttpResponse joined(HttpRequest request, String id, TaskSpec task, SearchRegistry.Outcome o) {
    return switch (o.kind()) {
      case NOT_FOUND -> ApiRoutes.unknown(request, id);
      case CONFLICT -> {
        SearchEntry e = o.entry().orElseThrow();
        String why = e.state().over()
            ? "search " + id + " is " + e.state() + "; tasks join only a queued, running or paused search"
            : "search " + id + " already has a task \"" + task.name() + "\"";
        yield Problem.conflict(why).response(ApiRoutes.path(request));
      }
      default -> {
        SearchEntry e = o.entry().orElseThrow();
        ObjectNode n = ApiJson.handle(e);
        n.put("task", task.name());
        yield ApiRoutes.json(StatusCodes.CREATED, n).addHeader(ControlRoutes.etag(e))
            .addHeader(Location.create(ApiRoutes.PREFIX + "/searches/" + id));
      }
    };
  }

  /** The body as a tree, to quote values in problems; null when it is not JSON (the reader says why). */
  private static JsonNode tree(String text) {
    try {
      return ApiJson.STRICT.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
