package io.mtnas.domain.events;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One progress event of a search (docs/events.md): its name, its place in the search's stream and
 * its fields, in the order they are rendered. Field values are strings, numbers, booleans or lists
 * of strings; rendering them (JSON lines, server-sent events) is the outer layers' business.
 *
 * @param search the search id
 * @param seq the event's number in its search's stream: 1, 2, 3... with none missing
 * @param name the event name ({@code evaluation}, {@code new_best}, ...)
 * @param fields the event's own fields, without {@code event}, {@code search} and {@code seq}
 */
public record ProgressEvent(String search, long seq, String name, Map<String, Object> fields) {
  public ProgressEvent {
    Objects.requireNonNull(search, "search");
    Objects.requireNonNull(name, "name");
    if (seq < 1) {
      throw new IllegalArgumentException("seq starts at 1, got " + seq);
    }
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }
}
