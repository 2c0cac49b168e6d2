package io.mtnas.adapter.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed, path-aware reads of one JSON object: every error names the file and the JSON path of the
 * offending value ({@code $.tasks[1].budget}), and keys the object does not know are rejected.
 */
final class JsonFields {
  private final String file;
  private final String path;
  private final JsonNode node;

  JsonFields(String file, String path, JsonNode node, Set<String> known) {
    this.file = file;
    this.path = path;
    this.node = node;
    if (node == null || !node.isObject()) {
      throw fail(path, "must be an object, got " + describe(node));
    }
    List<String> unknown = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!known.contains(name)) {
        unknown.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      throw fail(path + "." + unknown.get(0), "unknown key; known keys here: " + known.stream().sorted().toList());
    }
  }

  /** The file (or other source) this object was read from. */
  String source() {
    return file;
  }

  String at(String key) {
    return path + "." + key;
  }

  SpecException fail(String where, String message) {
    return SpecException.at(file, where, message);
  }

  boolean has(String key) {
    return node.has(key) && !node.get(key).isNull();
  }

  JsonNode required(String key) {
    if (!has(key)) {
      throw fail(at(key), "missing (required)");
    }
    return node.get(key);
  }

  String string(String key) {
    JsonNode v = required(key);
    if (!v.isTextual() || v.asText().isBlank()) {
      throw fail(at(key), "must be a non-empty string, got " + describe(v));
    }
    return v.asText();
  }

  Optional<String> optionalString(String key) {
    return has(key) ? Optional.of(string(key)) : Optional.empty();
  }

  /** A required string turned into a value by {@code parse}, whose error is reported at the key. */
  <T> T choice(String key, Function<String, T> parse) {
    String text = string(key);
    try {
      return parse.apply(text);
    } catch (IllegalArgumentException e) {
      throw fail(at(key), e.getMessage());
    }
  }

  /** {@link #choice(String, Function)}, or the default when the key is absent. */
  <T> T choice(String key, Function<String, T> parse, T defaultValue) {
    return has(key) ? choice(key, parse) : defaultValue;
  }

  /** Free text: any string, empty included. */
  Optional<String> optionalText(String key) {
    if (!has(key)) {
      return Optional.empty();
    }
    JsonNode v = node.get(key);
    if (!v.isTextual()) {
      throw fail(at(key), "must be a string, got " + describe(v));
    }
    return Optional.of(v.asText());
  }

  long integer(String key) {
    JsonNode v = required(key);
    if (!v.isIntegralNumber()) {
      throw fail(at(key), "must be an integer, got " + describe(v));
    }
    if (!v.canConvertToLong()) {
      throw fail(at(key), "must be a 64-bit integer, got " + describe(v));
    }
    return v.asLong();
  }

  int intAtLeast(String key, int min, int defaultValue) {
    if (!has(key)) {
      return defaultValue;
    }
    long v = integer(key);
    if (v < min) {
      throw fail(at(key), "must be an integer >= " + min + ", got " + v);
    }
    if (v > Integer.MAX_VALUE) {
      throw fail(at(key), "must be an integer in " + min + ".." + Integer.MAX_VALUE + ", got " + v);
    }
    return (int) v;
  }

  int intInRange(String key, int min, int max, int defaultValue) {
    if (!has(key)) {
      return defaultValue;
    }
    long v = integer(key);
    if (v < min || v > max) {
      throw fail(at(key), "must be an integer in " + min + ".." + max + ", got " + v);
    }
    return (int) v;
  }

  OptionalDouble optionalNumber(String key) {
    if (!has(key)) {
      return OptionalDouble.empty();
    }
    JsonNode v = node.get(key);
    if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
      throw fail(at(key), "must be a finite number, got " + describe(v));
    }
    return OptionalDouble.of(v.asDouble());
  }

  /** A number in (0, 1]. */
  double fraction(String key, double defaultValue) {
    if (!has(key)) {
      return defaultValue;
    }
    JsonNode v = node.get(key);
    if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
      throw fail(at(key), "must be a number in (0, 1], got " + describe(v));
    }
    double d = v.asDouble();
    if (!(d > 0) || d > 1) {
      throw fail(at(key), "must be a number in (0, 1], got " + describe(v));
    }
    return d;
  }

  /** A nested object with its own known keys, or empty when absent or null. */
  Optional<JsonFields> optionalObject(String key, Set<String> known) {
    return has(key) ? Optional.of(new JsonFields(file, at(key), node.get(key), known)) : Optional.empty();
  }

  boolean bool(String key, boolean defaultValue) {
    if (!has(key)) {
      return defaultValue;
    }
    JsonNode v = node.get(key);
    if (!v.isBoolean()) {
      throw fail(at(key), "must be true or false, got " + describe(v));
    }
    return v.asBoolean();
  }

  List<String> strings(String key) {
    if (!has(key)) {
      return List.of();
    }
    JsonNode v = node.get(key);
    if (!v.isArray()) {
      throw fail(at(key), "must be an array of strings, got " + describe(v));
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode item = v.get(i);
      if (!item.isTextual() || item.asText().isBlank()) {
        throw fail(at(key) + "[" + i + "]", "must be a non-empty string, got " + describe(item));
      }
      if (out.contains(item.asText())) {
        throw fail(at(key) + "[" + i + "]", "\"" + item.asText() + "\" is listed twice");
      }
      out.add(item.asText());
    }
    return out;
  }

  static String describe(JsonNode v) {
    if (v == null || v.isMissingNode()) {
      return "nothing";
    }
    if (v.isTextual()) {
      return "\"" + v.asText() + "\"";
    }
    if (v.isContainerNode()) {
      if (v.isEmpty()) {
        return v.isArray() ? "an empty array" : "an empty object";
      }
      return v.isArray() ? "an array" : "an object";
    }
    return v.toString();
  }
}
