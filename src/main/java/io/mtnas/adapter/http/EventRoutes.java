package io.mtnas.adapter.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtnas.actor.SearchService;
import io.mtnas.domain.events.EventHistory;
import io.mtnas.domain.events.ProgressEvent;
import io.mtnas.domain.events.ServiceEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.marshalling.sse.EventStreamMarshalling;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.sse.ServerSentEvent;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Source;

/**
 * {@code GET /api/v1/searches/{id}/events}: a search's progress events as server-sent events, one
 * frame per event (name, the fields of docs/events.md plus {@code search} and {@code seq}), its
 * {@code id:} the event's number. A client resumes after the last number it saw ({@code
 * Last-Event-ID}, which browsers send on reconnect) or from a number ({@code ?from_seq=N}); events
 * no longer kept come as one {@code gap} frame. The stream ends after the search's last event;
 * quiet stretches carry keep-alive comments.
 */
final class EventRoutes extends AllDirectives {
  /** Frames per poll of the history: bounds what one element of the stream holds. */
  private static final int PAGE = 500;
  private static final long POLL_MILLIS = 100;

  private final ActorSystem<?> system;
  private final ActorRef<SearchService.Command> service;
  private final ApiSettings settings;

  EventRoutes(ActorSystem<?> system, ActorRef<SearchService.Command> service, ApiSettings settings) {
    this.system = system;
    this.service = service;
    this.settings = settings;
  }

  /** @param problem answers with a problem (a bad resume point, an unknown search) */
  Route follow(HttpRequest request, String id, Function<Problem, Route> problem) {
    long after;
    try {
      after = resumeAfter(request);
    } catch (BadResume e) {
      return problem.apply(e.problem);
    }
    CompletionStage<Route> route = AskPattern.<SearchService.Command, Optional<EventHistory>>ask(service,
            replyTo -> new SearchService.Follow(id, replyTo), settings.askTimeout(), system.scheduler())
        .thenApply(history -> history.isEmpty()
            ? problem.apply(Problem.notFound("no search with id " + id))
            : completeOK(frames(history.get(), after, EventRoutes::json), EventStreamMarshalling.toEventStream()));
    return onSuccess(route, r -> r); // a failed ask goes to the routes' exception handler
  }

  /**
   * Every search's events in one stream ({@code GET /events}): {@code id:} is the service-wide
   * number, {@code seq} in the data the event's number in its own search. It never ends.
   */
  Route followAll(HttpRequest request, Function<Problem, Route> problem) {
    long after;
    try {
      after = resumeAfter(request);
    } catch (BadResume e) {
      return problem.apply(e.problem);
    }
    CompletionStage<Route> route = AskPattern.<SearchService.Command, EventHistory>ask(service,
            SearchService.FollowAll::new, settings.askTimeout(), system.scheduler())
        .thenApply(history -> completeOK(frames(history, after, EventRoutes::serviceJson),
            EventStreamMarshalling.toEventStream()));
    return onSuccess(route, r -> r);
  }

  private Source<ServerSentEvent, NotUsed> frames(EventHistory history, long after,
      Function<ProgressEvent, String> render) {
    return Source.unfoldAsync(after, seen -> nextPage(history, seen).thenApply(page -> {
          if (page.events().isEmpty() && page.missed() == 0 && page.closed()) {
            return Optional.<Pair<Long, List<ServerSentEvent>>>empty();
          }
          List<ServerSentEvent> out = new ArrayList<>();
          if (page.missed() > 0) {
            out.add(ServerSentEvent.create("{\"missed\": " + page.missed() + "}", "gap"));
          }
          long last = seen;
          for (ProgressEvent e : page.events()) {
            out.add(ServerSentEvent.create(render.apply(e), Optional.of(e.name()), Optional.of(Long.toString(e.seq())),
                java.util.OptionalInt.empty()));
            last = e.seq();
          }
          return Optional.of(Pair.create(last, out));
        }))
        .mapConcat(frames -> frames)
        .keepAlive(settings.keepAlive(), ServerSentEvent::heartbeat);
  }

  /** The next events after {@code seen}, waiting (without a thread) while there are none yet. */
  private static CompletionStage<EventHistory.Page> nextPage(EventHistory history, long seen) {
    EventHistory.Page page = history.after(seen, PAGE);
    if (!page.events().isEmpty() || page.missed() > 0 || page.closed()) {
      return CompletableFuture.completedFuture(page);
    }
    return CompletableFuture.supplyAsync(() -> null,
            CompletableFuture.delayedExecutor(POLL_MILLIS, TimeUnit.MILLISECONDS))
        .thenCompose(x -> nextPage(history, seen));
  }

  private static String json(ProgressEvent e) {
    return frame(e, e.seq(), OptionalLong.empty());
  }

  /** A service-wide event: its search's own number as {@code seq}, the stream's as {@code service_seq}. */
  private static String serviceJson(ProgressEvent e) {
    return frame(e, ((Number) e.fields().get(ServiceEvents.SEARCH_SEQ)).longValue(), OptionalLong.of(e.seq()));
  }

  private static String frame(ProgressEvent e, long seq, OptionalLong serviceSeq) {
    ObjectNode n = ApiJson.MAPPER.createObjectNode();
    n.put("event", e.name()).put("search", e.search()).put("seq", seq);
    serviceSeq.ifPresent(s -> n.put("service_seq", s));
    for (Map.Entry<String, Object> f : e.fields().entrySet()) {
      if (!f.getKey().equals(ServiceEvents.SEARCH_SEQ)) {
        n.set(f.getKey(), ApiJson.MAPPER.valueToTree(f.getValue()));
      }
    }
    return n.toString();
  }

  private static final class BadResume extends Exception {
    final transient Problem problem;

    BadResume(String field, String value, String why) {
      super(field + " " + why + ", got \"" + value + "\"");
      this.problem = Problem.badRequest("bad-parameter", "Bad resume point", getMessage())
          .at(field, Optional.of(ApiJson.MAPPER.getNodeFactory().textNode(value)));
    }
  }

  /** The last event number the client has: Last-Event-ID, else from_seq - 1, else 0. */
  private static long resumeAfter(HttpRequest request) throws BadResume {
    Optional<String> lastId = request.getHeader("Last-Event-ID").map(h -> h.value().strip());
    if (lastId.isPresent()) {
      return number(lastId.get(), "Last-Event-ID", 0, "must be the integer id of an event (0 or more)");
    }
    Optional<String> from = request.getUri().query().get("from_seq");
    if (from.isPresent()) {
      return number(from.get().strip(), "from_seq", 1, "must be an event number, 1 or more") - 1;
    }
    return 0;
  }

  private static long number(String text, String field, long min, String rule) throws BadResume {
    try {
      long v = Long.parseLong(text);
      if (v >= min) {
        return v;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new BadResume(field, text, rule);
  }
}
