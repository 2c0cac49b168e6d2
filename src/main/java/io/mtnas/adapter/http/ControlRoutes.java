package io.mtnas.adapter.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.mtnas.actor.SearchService;
import io.mtnas.adapter.benchmark.BenchmarkTables;
import io.mtnas.domain.search.TaskSpec;
import io.mtnas.domain.service.SearchEntry;
import io.mtnas.domain.service.SearchRegistry;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;

/**
 * The routes that change a search while it lives (docs/api.md): {@code PATCH /searches/{id}} with
 * {@code If-Match} to change task budgets, and {@code POST .../pause} and {@code .../resume}.
 * Each answers {@code {"id", "state", "revision"}} with the new revision as {@code ETag}.
 */
final class ControlRoutes {

  private final ActorSystem<?> system;
  private final ActorRef<SearchService.Command> service;
  private final BenchmarkTables tables;
  private final ApiSettings settings;

  ControlRoutes(ActorSystem<?> system, ActorRef<SearchService.Command> service, BenchmarkTables tables,
      ApiSettings settings) {
    this.system = system;
    this.service = service;
    this.tables = tables;
    this.settings = settings;
  }

  /** The revision as an entity tag, so {@code If-Match} can echo it. */
  static RawHeader etag(SearchEntry e) {
    return RawHeader.create("ETag", "\"" + e.revision() + "\"");
  }

  CompletionStage<HttpResponse> changeBudgets(HttpRequest request, String id) {
    Optional<String> ifMatch = request.getHeader("If-Match").map(h -> h.value().strip());
    if (ifMatch.isEmpty()) {
      return done(request, Problem.of(StatusCodes.PRECONDITION_REQUIRED, "precondition-required",
          "If-Match required", "a budget change names the revision it was based on: If-Match: \"<revision>\" "
              + "(GET /api/v1/searches/" + id + " gives it as ETag)").at("If-Match", Optional.empty()));
    }
    long revision;
    try {
      revision = Long.parseLong(ifMatch.get().replaceAll("^W/", "").replaceAll("^\"|\"$", ""));
    } catch (NumberFormatException e) {
      return done(request, Problem.badRequest("bad-header", "Bad If-Match",
          "If-Match must be a search revision such as \"3\", got " + ifMatch.get())
          .at("If-Match", Optional.of(ApiJson.MAPPER.getNodeFactory().textNode(ifMatch.get()))));
    }
    Optional<Problem> refused = JsonBody.refused(request.entity(), settings, "a budget change");
    if (refused.isPresent()) {
      return done(request, refused.get());
    }
    return JsonBody.text(request.entity(), settings, system).thenCompose(text -> {
      JsonNode body;
      try {
        body = ApiJson.STRICT.readTree(text);
      } catch (JsonProcessingException e) {
        return done(request, Problem.badRequest("malformed-json", "Malformed JSON",
            "the body is not JSON: " + e.getOriginalMessage()));
      }
      return ask(replyTo -> new SearchService.Get(id, replyTo)).thenCompose(found -> {
        if (found.isEmpty()) {
          return CompletableFuture.completedFuture(ApiRoutes.unknown(request, id));
        }
        Map<String, Integer> budgets;
        try {
          budgets = budgets(body, found.get());
        } catch (BadBudget e) {
          return done(request, e.problem);
        }
        return AskPattern.<SearchService.Command, SearchRegistry.Outcome>ask(service,
                replyTo -> new SearchService.ChangeBudgets(id, revision, budgets, replyTo), settings.askTimeout(),
                system.scheduler())
            .thenApply(o -> switch (o.kind()) {
              case NOT_FOUND -> ApiRoutes.unknown(request, id);
              case STALE -> Problem.conflict("revision " + revision + " is stale: search " + id + " is at revision "
                      + o.entry().orElseThrow().revision() + "; GET it and try again")
                  .at("If-Match", Optional.of(ApiJson.MAPPER.getNodeFactory().textNode(ifMatch.get())))
                  .with(etag(o.entry().orElseThrow())).response(ApiRoutes.path(request));
              case CONFLICT -> Problem.conflict("search " + id + " is " + o.entry().orElseThrow().state()
                  + "; budgets change only while it is queued, running or paused").response(ApiRoutes.path(request));
              case INVALID -> Problem.badRequest("bad-budget", "Invalid budget change",
                  "the change does not fit search " + id).at("budgets", Optional.of(body.path("budgets")))
                  .response(ApiRoutes.path(request));
              default -> handle(o);
            });
      });
    });
  }

  CompletionStage<HttpResponse> pause(HttpRequest request, String id) {
    return transition(request, id, replyTo -> new SearchService.Pause(id, replyTo),
        "only a queued or running search can be paused");
  }

  CompletionStage<HttpResponse> resume(HttpRequest request, String id) {
    return transition(request, id, replyTo -> new SearchService.Resume(id, replyTo),
        "only a paused search can be resumed");
  }

  private CompletionStage<HttpResponse> transition(HttpRequest request, String id,
      Function<ActorRef<SearchRegistry.Outcome>, SearchService.Command> command, String rule) {
    return AskPattern.<SearchService.Command, SearchRegistry.Outcome>ask(service, command::apply,
            settings.askTimeout(), system.scheduler())
        .thenApply(o -> switch (o.kind()) {
          case NOT_FOUND -> ApiRoutes.unknown(request, id);
          case CONFLICT -> Problem.conflict("search " + id + " is " + o.entry().orElseThrow().state() + "; " + rule)
              .response(ApiRoutes.path(request));
          default -> handle(o);
        });
  }

  /**
   * {@code {"budgets": {"<task>": <budget>, ...}}}: each a task of the search, each budget an
   * integer in 1..(architectures of its benchmark), as in a spec; else a problem naming the field.
   */
  private Map<String, Integer> budgets(JsonNode body, SearchEntry entry) throws BadBudget {
    if (!body.isObject()) {
      throw new BadBudget("$", "the body must be an object {\"budgets\": {...}}", body);
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("budgets")) {
        throw new BadBudget("$." + name, "unknown field (a budget change has only \"budgets\")", body.get(name));
      }
    }
    JsonNode node = body.get("budgets");
    if (node == null || !node.isObject() || node.isEmpty()) {
      throw new BadBudget("$.budgets", "must be a non-empty object of task name to budget", node);
    }
    Map<String, Integer> budgets = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      String field = "$.budgets." + f.getKey();
      Optional<TaskSpec> task = entry.currentSpec().tasks().stream().filter(t -> t.name().equals(f.getKey())).findFirst();
      if (task.isEmpty()) {
        throw new BadBudget(field, "search " + entry.id() + " has no task \"" + f.getKey() + "\"; its tasks: "
            + entry.currentSpec().tasks().stream().map(TaskSpec::name).toList(), f.getValue());
      }
      int max = tables.get(task.get().benchmark()).size();
      JsonNode v = f.getValue();
      if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 1 || v.intValue() > max) {
        throw new BadBudget(field, "must be an integer in 1.." + max + " (the architectures of "
            + task.get().benchmark() + ")", v);
      }
      budgets.put(f.getKey(), v.intValue());
    }
    return budgets;
  }

  /** A budget change that does not parse, as the problem naming its field. */
  private static final class BadBudget extends Exception {
    final transient Problem problem;

    BadBudget(String field, String why, JsonNode value) {
      super(field, null, false, false);
      this.problem = Problem.badRequest("bad-budget", "Invalid budget change", field + ": " + why)
          .at(field, Optional.ofNullable(value));
    }
  }

  private static HttpResponse handle(SearchRegistry.Outcome o) {
    SearchEntry e = o.entry().orElseThrow();
    return ApiRoutes.json(StatusCodes.OK, ApiJson.handle(e)).addHeader(etag(e));
  }

  private CompletionStage<Optional<SearchEntry>> ask(
      Function<ActorRef<Optional<SearchEntry>>, SearchService.Command> command) {
    return AskPattern.ask(service, command::apply, settings.askTimeout(), system.scheduler());
  }

  private static CompletionStage<HttpResponse> done(HttpRequest request, Problem p) {
    return CompletableFuture.completedFuture(p.response(ApiRoutes.path(request)));
  }
}
