package io.mtnas.adapter.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtnas.actor.SearchService;
import io.mtnas.adapter.benchmark.BenchmarkTables;
import io.mtnas.adapter.report.EvaluationsCsv;
import io.mtnas.adapter.report.ReportJson;
import io.mtnas.adapter.spec.SpecException;
import io.mtnas.adapter.spec.SpecReader;
import io.mtnas.domain.search.EvaluationRecord;
import io.mtnas.domain.search.SearchSpec;
import io.mtnas.domain.search.TaskSpec;
import io.mtnas.domain.service.SearchEntry;
import io.mtnas.domain.service.SearchRegistry;
import io.mtnas.domain.service.SearchState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpMethod;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.Allow;
import org.apache.pekko.http.javadsl.model.headers.HttpChallenge;
import org.apache.pekko.http.javadsl.model.headers.Location;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.model.headers.WWWAuthenticate;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Rejection;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes of {@code mtnas serve} (docs/api.md): {@code /healthz} and {@code /readyz} at the
 * root without a token, everything under {@code /api/v1} behind {@code Authorization: Bearer}.
 * Each handler parses the request, asks the {@link SearchService} actor and renders its answer;
 * every error is a {@link Problem}. Methods are dispatched by hand, so a known path with another
 * method is a 405 with {@code Allow}, and an unknown path a 404, both as problem+json.
 */
public final class ApiRoutes extends AllDirectives {
  private static final Logger LOG = LoggerFactory.getLogger(ApiRoutes.class);
  static final String PREFIX = "/api/v1";

  private final ActorSystem<?> system;
  private final ActorRef<SearchService.Command> service;
  private final BenchmarkTables tables;
  private final ApiSettings settings;
  private final BearerToken token;
  private final BooleanSupplier ready;
  private final EventRoutes events;
  private final ControlRoutes control;
  private final TaskRoutes tasks;
  private final WorkerRoutes workers;

  ApiRoutes(ActorSystem<?> system, ActorRef<SearchService.Command> service, BenchmarkTables tables,
      ApiSettings settings, BearerToken token, BooleanSupplier ready) {
    this.system = system;
    this.service = service;
    this.tables = tables;
    this.settings = settings;
    this.token = token;
    this.ready = ready;
    this.events = new EventRoutes(system, service, settings);
    this.control = new ControlRoutes(system, service, tables, settings);
    this.tasks = new TaskRoutes(system, service, tables, settings);
    this.workers = new WorkerRoutes(system, settings);
  }

  Route routes() {
    return extractRequest(request -> handleExceptions(exceptions(request), () ->
        handleRejections(rejections(request), () -> concat(
            path("healthz", () -> methods(request, Map.of(HttpMethods.GET, () ->
                completeOK(Map.of("status", "ok"), Jackson.marshaller(ApiJson.MAPPER))))),
            path("readyz", () -> methods(request, Map.of(HttpMethods.GET, () -> ready.getAsBoolean()
                ? completeOK(Map.of("status", "ready"), Jackson.marshaller(ApiJson.MAPPER))
                : problem(request, Problem.of(StatusCodes.SERVICE_UNAVAILABLE, "not-ready", "Not ready",
                    "the service is starting or stopping"))))),
            pathPrefix(PathMatchers.segment("api").slash("v1"), () -> authorized(request, () -> api(request))),
            problem(request, Problem.notFound("no route " + request.getUri().path()))))));
  }

  private Route api(HttpRequest request) {
    return concat(
        path("workers", () -> methods(request, Map.of(HttpMethods.GET,
            () -> completeWithFuture(recover(request, workers.list()))))),
        path("events", () -> methods(request, Map.of(HttpMethods.GET,
            () -> events.followAll(request, p -> problem(request, p))))),
        path("searches", () -> methods(request, ordered(
            HttpMethods.GET, () -> listSearches(request),
            HttpMethods.POST, () -> submit(request)))),
        path(PathMatchers.segment("searches").slash(PathMatchers.segment()), id -> methods(request, ordered(
            HttpMethods.GET, () -> getSearch(request, id),
            HttpMethods.PATCH, () -> completeWithFuture(recover(request, control.changeBudgets(request, id))),
            HttpMethods.DELETE, () -> delete(request, id)))),
        path(PathMatchers.segment("searches").slash(PathMatchers.segment()).slash("pause"),
            id -> methods(request, Map.of(HttpMethods.POST,
                () -> completeWithFuture(recover(request, control.pause(request, id)))))),
        path(PathMatchers.segment("searches").slash(PathMatchers.segment()).slash("resume"),
            id -> methods(request, Map.of(HttpMethods.POST,
                () -> completeWithFuture(recover(request, control.resume(request, id)))))),
        path(PathMatchers.segment("searches").slash(PathMatchers.segment()).slash("report"),
            id -> methods(request, Map.of(HttpMethods.GET, () -> report(request, id)))),
        path(PathMatchers.segment("searches").slash(PathMatchers.segment()).slash("evaluations"),
            id -> methods(request, Map.of(HttpMethods.GET, () -> evaluations(request, id)))),
        path(PathMatchers.segment("searches").slash(PathMatchers.segment()).slash("events"),
            id -> methods(request, Map.of(HttpMethods.GET, () -> events.follow(request, id, p -> problem(request, p))))),
        path(PathMatchers.segment("searches").slash(PathMatchers.segment()).slash("tasks"),
            id -> methods(request, Map.of(HttpMethods.POST,
                () -> completeWithFuture(recover(request, tasks.join(request, id)))))),
        path(PathMatchers.segment("searches").slash(PathMatchers.segment()).slash("cancel"),
            id -> methods(request, Map.of(HttpMethods.POST, () -> cancel(request, id)))),
        problem(request, Problem.notFound("no route " + request.getUri().path())));
  }

  // --- handlers ---

  private Route submit(HttpRequest request) {
    HttpEntity entity = request.entity();
    Optional<Problem> refused = JsonBody.refused(entity, settings, "a search spec");
    if (refused.isPresent()) {
      return problem(request, refused.get());
    }
    Optional<String> key = request.getHeader("Idempotency-Key").map(h -> h.value().strip());
    if (key.isPresent() && (key.get().isEmpty() || key.get().length() > 200)) {
      return problem(request, Problem.badRequest("bad-header", "Bad Idempotency-Key",
          "Idempotency-Key must be 1 to 200 characters").at("Idempotency-Key", Optional.empty()));
    }
    CompletionStage<HttpResponse> response = JsonBody.text(entity, settings, system)
        .thenCompose(text -> {
          JsonNode tree = null;
          try {
            tree = ApiJson.STRICT.readTree(text);
          } catch (JsonProcessingException e) {
            // SpecReader says where the text stops being JSON, as `mtnas run` does
          }
          final JsonNode body = tree;
          SearchSpec spec;
          try {
            spec = new SpecReader().parse("request body", text, tables);
          } catch (SpecException e) {
            return CompletableFuture.completedFuture(specProblem(request, e, body));
          }
          return AskPattern.<SearchService.Command, SearchRegistry.Outcome>ask(service,
                  replyTo -> new SearchService.Submit(UUID.randomUUID().toString(), spec, key, replyTo),
                  settings.askTimeout(), system.scheduler())
              .thenApply(outcome -> submitted(request, outcome, body, spec));
        });
    return completeWithFuture(recover(request, response));
  }

  private HttpResponse submitted(HttpRequest request, SearchRegistry.Outcome outcome, JsonNode body, SearchSpec spec) {
    if (outcome.kind() == SearchRegistry.Kind.INVALID) {
      var bad = outcome.registry().badWarmFrom(spec).orElseThrow();
      String field = "$.warm_from[" + bad.getKey() + "]";
      return Problem.badRequest("bad-spec", "Invalid search spec", "request body: " + field + ": " + bad.getValue())
          .at(field, ApiJson.at(body, field)).response(path(request));
    }
    SearchEntry e = outcome.entry().orElseThrow();
    Location location = Location.create(PREFIX + "/searches/" + e.id());
    switch (outcome.kind()) {
      case CREATED:
        LOG.info("search {} submitted: {} (seed {}), {}", e.id(), e.spec().name(), e.spec().seed(), e.state());
        return json(StatusCodes.CREATED, ApiJson.handle(e)).addHeader(location);
      case REPLAYED:
        return json(StatusCodes.OK, ApiJson.handle(e)).addHeader(location)
            .addHeader(RawHeader.create("Idempotent-Replayed", "true"));
      default:
        return Problem.of(StatusCodes.UNPROCESSABLE_ENTITY, "idempotency-key-reused", "Idempotency-Key reused",
                "this Idempotency-Key was first used for search " + e.id() + " with a different spec")
            .at("Idempotency-Key", e.idempotencyKey().map(ApiJson.MAPPER.getNodeFactory()::textNode))
            .with(location).response(path(request));
    }
  }

  private Route listSearches(HttpRequest request) {
    ListQuery query;
    try {
      query = ListQuery.parse(request.getUri().query());
    } catch (ListQuery.Bad e) {
      return problem(request, e.problem);
    }
    return completeWithFuture(recover(request,
        AskPattern.<SearchService.Command, SearchRegistry.Page>ask(service,
                replyTo -> new SearchService.ListSearches(query.state(), query.afterNumber(), query.limit(), replyTo),
                settings.askTimeout(), system.scheduler())
            .thenApply(page -> {
              ObjectNode root = ApiJson.MAPPER.createObjectNode();
              var array = root.putArray("searches");
              page.entries().forEach(e -> array.add(ApiJson.summary(e)));
              if (page.more()) {
                root.put("next_cursor", ListQuery.cursorAfter(page.entries().get(page.entries().size() - 1).number()));
              } else {
                root.putNull("next_cursor");
              }
              return json(StatusCodes.OK, root);
            })));
  }

  private Route getSearch(HttpRequest request, String id) {
    return withEntry(request, id, e -> json(StatusCodes.OK, ApiJson.detail(e)).addHeader(ControlRoutes.etag(e)));
  }

  private Route report(HttpRequest request, String id) {
    return withEntry(request, id, e -> {
      if (e.report().isEmpty()) {
        return Problem.conflict("search " + id + " is " + e.state() + "; its report exists once it is FINISHED")
            .response(path(request));
      }
      return HttpResponse.create().withStatus(StatusCodes.OK).withEntity(HttpEntities.create(
          ContentTypes.APPLICATION_JSON, ReportJson.render(e.report().get(), tables).getBytes(StandardCharsets.UTF_8)));
    });
  }

  private Route evaluations(HttpRequest request, String id) {
    boolean csv = request.getHeader("Accept").map(h -> h.value().toLowerCase(Locale.ROOT).contains("text/csv"))
        .orElse(false);
    Optional<String> afterParam = request.getUri().query().get("after_seq");
    long after = 0;
    if (afterParam.isPresent()) {
      try {
        after = Long.parseLong(afterParam.get().strip());
        if (after < 0) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        return problem(request, Problem.badRequest("bad-parameter", "Bad query parameter",
            "after_seq must be an integer >= 0, got \"" + afterParam.get() + "\"")
            .at("after_seq", Optional.of(ApiJson.MAPPER.getNodeFactory().textNode(afterParam.get()))));
      }
    }
    long skip = after;
    return completeWithFuture(recover(request,
        AskPattern.<SearchService.Command, Optional<SearchService.EvaluationsView>>ask(service,
                replyTo -> new SearchService.Evaluations(id, replyTo), settings.askTimeout(), system.scheduler())
            .thenApply(view -> {
              if (view.isEmpty()) {
                return unknown(request, id);
              }
              List<EvaluationRecord> rows = view.get().records();
              if (csv) {
                List<String> order = view.get().entry().currentSpec().tasks().stream().map(TaskSpec::name).toList();
                List<EvaluationRecord> tail = rows.subList((int) Math.min(skip, rows.size()), rows.size());
                return HttpResponse.create().withEntity(HttpEntities.create(
                    ContentTypes.create(MediaTypes.TEXT_CSV, HttpCharsets.UTF_8), EvaluationsCsv.render(order, tail)));
              }
              StringBuilder out = new StringBuilder();
              for (int i = (int) Math.min(skip, rows.size()); i < rows.size(); i++) {
                out.append(ApiJson.evaluationLine(rows.get(i), i + 1));
              }
              return HttpResponse.create().withEntity(HttpEntities.create(
                  ContentTypes.create(MediaTypes.applicationWithFixedCharset("x-ndjson", HttpCharsets.UTF_8)),
                  out.toString().getBytes(StandardCharsets.UTF_8)));
            })));
  }

  private Route cancel(HttpRequest request, String id) {
    return completeWithFuture(recover(request,
        AskPattern.<SearchService.Command, SearchRegistry.Outcome>ask(service,
                replyTo -> new SearchService.Cancel(id, replyTo), settings.askTimeout(), system.scheduler())
            .thenApply(o -> switch (o.kind()) {
              case NOT_FOUND -> unknown(request, id);
              case CONFLICT -> Problem.conflict("search " + id + " is already " + o.entry().orElseThrow().state())
                  .response(path(request));
              default -> json(StatusCodes.OK, ApiJson.handle(o.entry().orElseThrow()));
            })));
  }

  private Route delete(HttpRequest request, String id) {
    return completeWithFuture(recover(request,
        AskPattern.<SearchService.Command, SearchRegistry.Outcome>ask(service,
                replyTo -> new SearchService.Delete(id, replyTo), settings.askTimeout(), system.scheduler())
            .thenApply(o -> switch (o.kind()) {
              case NOT_FOUND -> unknown(request, id);
              case CONFLICT -> Problem.conflict(o.registry().warmedBy(id)
                  .map(w -> "search " + w.id() + " starts from search " + id + " (warm_from) and is "
                      + w.state() + "; delete it once that one is over")
                  .orElseGet(() -> "search " + id + " is " + o.entry().orElseThrow().state()
                      + "; only a finished, failed or cancelled search can be deleted (cancel it first)"))
                  .response(path(request));
              default -> HttpResponse.create().withStatus(StatusCodes.NO_CONTENT);
            })));
  }

  // --- helpers ---

  private Route withEntry(HttpRequest request, String id, Function<SearchEntry, HttpResponse> render) {
    return completeWithFuture(recover(request,
        AskPattern.<SearchService.Command, Optional<SearchEntry>>ask(service,
                replyTo -> new SearchService.Get(id, replyTo), settings.askTimeout(), system.scheduler())
            .thenApply(e -> e.map(render).orElseGet(() -> unknown(request, id)))));
  }

  private Route authorized(HttpRequest request, Supplier<Route> inner) {
    Optional<String> header = request.getHeader("Authorization").map(h -> h.value());
    if (token.admits(header)) {
      return inner.get();
    }
    return problem(request, Problem.of(StatusCodes.UNAUTHORIZED, "unauthorized", "Unauthorized",
            header.isEmpty() ? "this route needs Authorization: Bearer <token>" : "the token is not valid")
        .with(WWWAuthenticate.create(HttpChallenge.create("Bearer", "mtnas"))));
  }

  /** Runs the handler for the request's method, or answers 405 naming the allowed ones. */
  private Route methods(HttpRequest request, Map<HttpMethod, Supplier<Route>> handlers) {
    for (Map.Entry<HttpMethod, Supplier<Route>> h : handlers.entrySet()) {
      if (h.getKey().equals(request.method())) {
        return h.getValue().get();
      }
    }
    List<String> names = handlers.keySet().stream().map(HttpMethod::name).toList();
    return problem(request, Problem.of(StatusCodes.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed",
            request.method().name() + " is not allowed on " + request.getUri().path() + "; allowed: "
                + String.join(", ", names))
        .with(Allow.create(handlers.keySet().toArray(HttpMethod[]::new))));
  }

  private static Map<HttpMethod, Supplier<Route>> ordered(
      HttpMethod m1, Supplier<Route> r1, HttpMethod m2, Supplier<Route> r2) {
    Map<HttpMethod, Supplier<Route>> map = new LinkedHashMap<>();
    map.put(m1, r1);
    map.put(m2, r2);
    return map;
  }

  private static Map<HttpMethod, Supplier<Route>> ordered(
      HttpMethod m1, Supplier<Route> r1, HttpMethod m2, Supplier<Route> r2, HttpMethod m3, Supplier<Route> r3) {
    Map<HttpMethod, Supplier<Route>> map = ordered(m1, r1, m2, r2);
    map.put(m3, r3);
    return map;
  }

  private Route problem(HttpRequest request, Problem p) {
    return complete(p.response(path(request)));
  }

  static String path(HttpRequest request) {
    return request.getUri().path();
  }

  static HttpResponse unknown(HttpRequest request, String id) {
    return Problem.notFound("no search with id " + id).response(path(request));
  }

  private Problem tooLarge(long size) {
    return JsonBody.tooLarge(size, settings);
  }

  static HttpResponse json(org.apache.pekko.http.javadsl.model.StatusCode status, JsonNode body) {
    return HttpResponse.create().withStatus(status).withEntity(HttpEntities.create(
        ContentTypes.APPLICATION_JSON, (body.toString() + "\n").getBytes(StandardCharsets.UTF_8)));
  }

  static HttpResponse specProblem(HttpRequest request, SpecException e, JsonNode body) {
    if (e.malformed()) {
      return Problem.badRequest("malformed-json", "Malformed JSON", e.reason()).response(path(request));
    }
    Problem p = Problem.badRequest("bad-spec", "Invalid search spec", e.getMessage());
    if (e.path().isPresent()) {
      p = p.at(e.path().get(), body == null ? Optional.empty() : ApiJson.at(body, e.path().get()));
    }
    return p.response(path(request));
  }

  /** Turns a failed stage into a problem response: 413 for an oversized body, 503 on a time-out, else 500. */
  private CompletionStage<HttpResponse> recover(HttpRequest request, CompletionStage<HttpResponse> stage) {
    return stage.exceptionally(error -> {
      Throwable cause = error;
      while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException)
          && cause.getCause() != null) {
        cause = cause.getCause();
      }
      if (cause instanceof EntityStreamSizeException size) {
        return tooLarge(size.actualSize().isDefined() ? (Long) size.actualSize().get() : -1).response(path(request));
      }
      if (cause instanceof JsonBody.NotUtf8 notUtf8) {
        return Problem.badRequest("malformed-json", "Malformed JSON", notUtf8.getMessage()).response(path(request));
      }
      if (cause instanceof org.apache.pekko.http.scaladsl.model.EntityStreamException broken) {
        return Problem.badRequest("malformed-request", "Malformed request",
            "the body could not be read: " + broken.info().summary()).response(path(request));
      }
      if (cause instanceof TimeoutException) {
        return Problem.of(StatusCodes.SERVICE_UNAVAILABLE, "busy", "Service busy",
            "the service did not answer in " + settings.askTimeout().toMillis() + " ms").response(path(request));
      }
      return internal(request, cause);
    });
  }

  private static HttpResponse internal(HttpRequest request, Throwable cause) {
    String ref = UUID.randomUUID().toString();
    LOG.error("request {} {} failed (ref {})", request.method().name(), request.getUri().path(), ref, cause);
    return Problem.of(StatusCodes.INTERNAL_SERVER_ERROR, "internal", "Internal error",
        "the request failed inside mtnas; the service log names reference " + ref).response(path(request));
  }

  private ExceptionHandler exceptions(HttpRequest request) {
    return ExceptionHandler.newBuilder()
        .match(EntityStreamSizeException.class, e -> complete(tooLarge(-1).response(path(request))))
        .matchAny(e -> complete(internal(request, e)))
        .build();
  }

  private RejectionHandler rejections(HttpRequest request) {
    return RejectionHandler.newBuilder()
        .handleAll(Rejection.class, list -> problem(request, Problem.badRequest("bad-request", "Bad request",
            "the request was rejected: " + new ArrayList<>(list))))
        .handleNotFound(problem(request, Problem.notFound("no route " + request.getUri().path())))
        .build();
  }
}
