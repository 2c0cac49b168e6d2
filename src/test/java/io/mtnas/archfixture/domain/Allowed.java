package io.mtnas.archfixture.domain;

import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Keeps every domain rule: JDK collections, charsets and the unchecked I/O exception are fine. */
public final class Allowed implements Serializable {
  List<String> names = List.of("org.apache.pekko", "java.nio.file"); // names in strings are no dependency
  UncheckedIOException failure;

  byte[] encode(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
