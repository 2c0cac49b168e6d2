package io.mtnas.archfixture.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import java.io.FileReader;
import java.io.IOException;

/** Breaks "no Protobuf, Jackson or files in the domain", the file API fully qualified. */
public final class UsesFrameworks {
  ByteString bytes;
  ObjectMapper mapper;

  String read(String name) throws IOException {
    try (FileReader reader = new FileReader(name)) {
      return java.nio.file.Path.of(name) + ":" + reader.read();
    }
  }
}
