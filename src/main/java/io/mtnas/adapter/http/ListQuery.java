package io.mtnas.adapter.http;

import io.mtnas.domain.service.SearchState;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.Query;

/**
 * The query of {@code GET /searches}: {@code state}, {@code limit} (1..{@link #MAX_LIMIT}, default
 * {@link #DEFAULT_LIMIT}) and {@code cursor}, the opaque {@code next_cursor} of the page before.
 * A cursor is the submission number of the last search a page held, so paging is stable while
 * searches are added (they come last) or deleted.
 */
record ListQuery(Optional<SearchState> state, long afterNumber, int limit) {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;
  private static final String PREFIX = "after:";

  /** A parameter that does not parse, as the problem to answer. */
  static final class Bad extends Exception {
    final transient Problem problem;

    Bad(String field, String value, String rule) {
      super(field, null, false, false);
      this.problem = Problem.badRequest("bad-parameter", "Bad query parameter", field + " " + rule + ", got \""
          + value + "\"").at(field, Optional.of(ApiJson.MAPPER.getNodeFactory().textNode(value)));
    }
  }

  static ListQuery parse(Query query) throws Bad {
    Optional<SearchState> state = Optional.empty();
    Optional<String> stateParam = query.get("state");
    if (stateParam.isPresent()) {
      try {
        state = Optional.of(SearchState.valueOf(stateParam.get().strip().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new Bad("state", stateParam.get(), "must be one of " + List.of(SearchState.values()));
      }
    }
    int limit = DEFAULT_LIMIT;
    Optional<String> limitParam = query.get("limit");
    if (limitParam.isPresent()) {
      try {
        limit = Integer.parseInt(limitParam.get().strip());
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > MAX_LIMIT) {
        throw new Bad("limit", limitParam.get(), "must be an integer in 1.." + MAX_LIMIT);
      }
    }
    long after = 0;
    Optional<String> cursor = query.get("cursor");
    if (cursor.isPresent()) {
      after = decode(cursor.get()).orElseThrow(() -> new Bad("cursor", cursor.get(),
          "must be the next_cursor of an earlier page"));
    }
    return new ListQuery(state, after, limit);
  }

  static String cursorAfter(long number) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + number).getBytes(StandardCharsets.UTF_8));
  }

  private static Optional<Long> decode(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
      if (text.startsWith(PREFIX)) {
        long n = Long.parseLong(text.substring(PREFIX.length()));
        return n >= 0 ? Optional.of(n) : Optional.empty();
      }
    } catch (IllegalArgumentException e) { // not base64, or not a number (NumberFormatException)
      // below
    }
    return Optional.empty();
  }
}
