package io.mtnas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layering {@code domain <- protocol <- actor <- adapter}, checked on the source text: a
 * source file under a guarded package must not name (import or fully qualify, outside comments
 * and string literals) what that package may not depend on. Packages that do not exist yet pass.
 */
class ArchitectureRulesTest {

  /** Source files whose path starts with {@code area} must not name any of {@code forbidden}. */
  record Rule(String area, List<Forbidden> forbidden) {}

  /** A name a layer must not use; {@code label} is how reports show it. */
  record Forbidden(String label, Pattern pattern) {}

  record Violation(String file, int line, String forbidden, String text) {
    @Override
    public String toString() {
      return file + ":" + line + " uses " + forbidden + ": " + text.strip();
    }
  }

  static final List<Rule> RULES = List.of(
      new Rule("io/mtnas/domain/", List.of(
          name("org.apache.pekko"), name("com.google.protobuf"), name("com.fasterxml"),
          name("io.mtnas.adapter"), name("io.mtnas.actor"), name("io.mtnas.wire"), name("io.mtnas.protocol"),
          new Forbidden("java.io.File*", Pattern.compile("(?<![\\w.])java\\.io\\.File\\w*")),
          name("java.nio.file"))),
      new Rule("io/mtnas/protocol/", List.of(name("io.mtnas.actor"), name("io.mtnas.adapter"))),
      new Rule("io/mtnas/actor/", List.of(name("io.mtnas.adapter"))));

  @Test
  void productionSourcesFollowTheLayering() {
    Path sources = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "src", "main", "java");
    assertThat(sources.resolve("io/mtnas/domain")).as("domain sources to scan").isDirectory();
    List<Violation> violations = scan(sources);
    assertThat(violations).as("layering violations").isEmpty();
  }

  @Test
  void reportsFileAndLineOfAForbiddenImportInTheDomain() {
    List<String> source = List.of(
        "package io.mtnas.domain.space;",
        "",
        "import java.util.List;",
        "import org.apache.pekko.actor.typed.ActorRef;",
        "import static com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT;");
    assertThat(violations("io/mtnas/domain/space/Bad.java", source))
        .extracting(Violation::toString).containsExactly(
        "io/mtnas/domain/space/Bad.java:4 uses org.apache.pekko: import org.apache.pekko.actor.typed.ActorRef;",
        "io/mtnas/domain/space/Bad.java:5 uses com.fasterxml: "
            + "import static com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT;");
  }

  @Test
  void domainMayNotTouchFilesNorOuterLayersEvenFullyQualified() {
    List<String> source = List.of(
        "import java.io.FileReader;",
        "import java.nio.file.*;",
        "import io.mtnas.wire.ArchitectureCodec;",
        "import io.mtnas.protocol.Evaluate;",
        "import com.google.protobuf.ByteString;",
        "class X { Object f = new java.io.File(\"x\"); io.mtnas.actor.Guardian g; io.mtnas.adapter.Cli c; }");
    assertThat(violations("io/mtnas/domain/X.java", source)).extracting(Violation::line, Violation::forbidden)
        .containsExactly(
            tuple(1, "java.io.File*"),
            tuple(2, "java.nio.file"),
            tuple(3, "io.mtnas.wire"),
            tuple(4, "io.mtnas.protocol"),
            tuple(5, "com.google.protobuf"),
            tuple(6, "io.mtnas.adapter"),
            tuple(6, "io.mtnas.actor"),
            tuple(6, "java.io.File*"));
  }

  @Test
  void allowsWhatTheDomainMayUseAndIgnoresCommentsAndStrings() {
    List<String> source = List.of(
        "import java.io.Serializable;",
        "import java.io.UncheckedIOException;",
        "import java.nio.charset.StandardCharsets;",
        "import io.mtnas.domain.space.Architecture;",
        "import io.mtnas.actors.NotTheActorPackage;",
        "// unlike org.apache.pekko actors, this is pure",
        "/* java.nio.file would be I/O,",
        "   and so would com.fasterxml */ class Y {",
        "  String s = \"org.apache.pekko.\\\" io.mtnas.adapter\"; // io.mtnas.wire",
        "}");
    assertThat(violations("io/mtnas/domain/Y.java", source)).isEmpty();
  }

  @Test
  void protocolAndActorKeepAwayFromTheLayersAboveThem() {
    List<String> protocol = List.of(
        "import io.mtnas.domain.space.Architecture;",
        "import io.mtnas.actor.WorkManager;",
        "import io.mtnas.adapter.http.Routes;",
        "import org.apache.pekko.actor.typed.ActorRef;");
    assertThat(violations("io/mtnas/protocol/Evaluate.java", protocol))
        .extracting(Violation::line).containsExactly(2, 3);
    List<String> actor = List.of(
        "import io.mtnas.protocol.Evaluate;",
        "import io.mtnas.adapter.store.Store;",
        "import org.apache.pekko.actor.typed.ActorRef;");
    assertThat(violations("io/mtnas/actor/WorkManager.java", actor))
        .extracting(Violation::line).containsExactly(2);
    assertThat(violations("io/mtnas/adapter/cli/Cli.java", actor)).isEmpty();
  }

  @Test
  void scansAFileTreeAndPassesWhenGuardedPackagesAreAbsent(@TempDir Path root)
      throws IOException {
    Path bad = root.resolve("io/mtnas/domain/Bad.java");
    Files.createDirectories(bad.getParent());
    Files.writeString(bad, "package io.mtnas.domain;\nimport java.nio.file.Path;\n");
    assertThat(scan(root)).extracting(Violation::toString)
        .containsExactly("io/mtnas/domain/Bad.java:2 uses java.nio.file: import java.nio.file.Path;");
    Files.delete(bad);
    assertThat(scan(root)).isEmpty();
  }

  /** Violations in every .java file under {@code sourceRoot}. */
  static List<Violation> scan(Path sourceRoot) {
    if (!Files.isDirectory(sourceRoot)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(sourceRoot)) {
      List<Violation> all = new ArrayList<>();
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        String relative = sourceRoot.relativize(file).toString().replace('\\', '/');
        all.addAll(violations(relative, Files.readAllLines(file, StandardCharsets.UTF_8)));
      }
      return all;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Violations in one source file given as lines, {@code relativePath} under the source root. */
  static List<Violation> violations(String relativePath, List<String> lines) {
    List<Forbidden> forbidden = RULES.stream()
        .filter(rule -> relativePath.startsWith(rule.area()))
        .flatMap(rule -> rule.forbidden().stream())
        .toList();
    List<Violation> found = new ArrayList<>();
    boolean[] inBlockComment = {false};
    for (int i = 0; i < lines.size(); i++) {
      String code = codeOnly(lines.get(i), inBlockComment);
      for (Forbidden f : forbidden) {
        if (f.pattern().matcher(code).find()) {
          found.add(new Violation(relativePath, i + 1, f.label(), lines.get(i)));
        }
      }
    }
    return found;
  }

  /** The line without comments and string or char literals; tracks block comments across lines. */
  private static String codeOnly(String line, boolean[] inBlockComment) {
    StringBuilder code = new StringBuilder();
    int i = 0;
    while (i < line.length()) {
      if (inBlockComment[0]) {
        int end = line.indexOf("*/", i);
        if (end < 0) {
          break;
        }
        inBlockComment[0] = false;
        i = end + 2;
      } else if (line.startsWith("//", i)) {
        break;
      } else if (line.startsWith("/*", i)) {
        inBlockComment[0] = true;
        i += 2;
      } else if (line.charAt(i) == '"' || line.charAt(i) == '\'') {
        char quote = line.charAt(i);
        i++;
        while (i < line.length() && line.charAt(i) != quote) {
          i += line.charAt(i) == '\\' ? 2 : 1;
        }
        i++;
        code.append(' ');
      } else {
        code.append(line.charAt(i));
        i++;
      }
    }
    return code.toString();
  }

  /** A package or class name, not as the tail of a longer name nor the head of a longer word. */
  private static Forbidden name(String qualified) {
    return new Forbidden(qualified, Pattern.compile("(?<![\\w.])" + Pattern.quote(qualified) + "(?!\\w)"));
  }
}
