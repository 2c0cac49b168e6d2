package io.mtnas.adapter.store;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The database {@code mtnas serve} keeps its searches in (config {@code mtnas.db}): embedded H2 in
 * a file under the data directory unless a URL is configured, or PostgreSQL. It turns that into
 * the settings of pekko-persistence-jdbc and creates the plugin's tables when they are missing.
 * The password never appears in a message or a log line.
 */
public final class Database {
  private enum Kind {
    H2("h2", "slick.jdbc.H2Profile$", "org.h2.Driver"),
    POSTGRES("postgres", "slick.jdbc.PostgresProfile$", "org.postgresql.Driver");

    final String schemaDir;
    final String profile;
    final String driver;

    Kind(String schemaDir, String profile, String driver) {
      this.schemaDir = schemaDir;
      this.profile = profile;
      this.driver = driver;
    }
  }

  private final Kind kind;
  private final String url;
  private final String user;
  private final String password;

  private Database(Kind kind, String url, String user, String password) {
    this.kind = kind;
    this.url = url;
    this.user = user;
    this.password = password;
  }

  /**
   * @param dataDir where the embedded H2 file goes when {@code mtnas.db.url} is empty
   * @throws IllegalArgumentException naming {@code mtnas.db.url} for a database mtnas cannot use
   */
  public static Database from(Config config, Path dataDir) {
    String url = config.getString("mtnas.db.url").strip();
    String user = config.getString("mtnas.db.user");
    String password = config.getString("mtnas.db.password");
    if (url.isEmpty()) {
      // WRITE_DELAY=0: a commit is on disk (the OS's) before the journal acknowledges it, so a
      // killed process loses nothing it reported as stored
      String file = dataDir.toAbsolutePath().resolve("journal").toString();
      return new Database(Kind.H2, "jdbc:h2:file:" + file + ";WRITE_DELAY=0", user.isEmpty() ? "sa" : user, password);
    }
    if (url.startsWith("jdbc:h2:")) {
      return new Database(Kind.H2, url, user, password);
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return new Database(Kind.POSTGRES, url, user, password);
    }
    throw new IllegalArgumentException("mtnas.db.url: \"" + redacted(url) + "\" is neither jdbc:h2:... nor"
        + " jdbc:postgresql://...; leave it empty for the embedded H2 file under --data");
  }

  /** The configuration with pekko-persistence-jdbc's shared database pointed here. */
  public Config applyTo(Config config) {
    String prefix = "pekko-persistence-jdbc.shared-databases.mtnas.";
    return ConfigFactory.parseMap(Map.of(
            prefix + "profile", kind.profile,
            prefix + "db.url", url,
            prefix + "db.user", user,
            prefix + "db.password", password,
            prefix + "db.driver", kind.driver))
        .withFallback(config);
  }

  /** Where the searches are, for a log line: no password, no query parameters. */
  public String describe() {
    return (kind == Kind.H2 ? "H2 " : "PostgreSQL ") + redacted(url);
  }

  /**
   * Creates the journal, snapshot and durable-state tables from the plugin's own scripts when
   * they are missing (its indexes made idempotent too, and PostgreSQL's {@code CONCURRENTLY},
   * which cannot run in a script's transaction, dropped: the tables are empty then).
   *
   * @throws IllegalStateException naming the database when it cannot be reached or changed
   */
  public void createSchemaIfMissing() {
    String script = script("schema/" + kind.schemaDir + "/" + kind.schemaDir + "-create-schema.sql");
    try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
      for (String statement : script.split(";")) {
        String sql = statement.strip();
        if (!sql.isEmpty()) {
          s.execute(idempotent(sql));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("database " + describe() + ": cannot create the journal tables: "
          + (password.isEmpty() ? e.getMessage() : e.getMessage().replace(password, "***")), e);
    }
  }

  static String idempotent(String sql) {
    return sql.replaceFirst("(?i)^CREATE UNIQUE INDEX (?!IF NOT EXISTS)", "CREATE UNIQUE INDEX IF NOT EXISTS ")
        .replaceFirst("(?i)^CREATE INDEX CONCURRENTLY ", "CREATE INDEX IF NOT EXISTS ")
        .replaceFirst("(?i)^CREATE INDEX (?!IF NOT EXISTS)", "CREATE INDEX IF NOT EXISTS ");
  }

  private static String script(String resource) {
    try (InputStream in = Database.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the persistence plugin's " + resource + " is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource + ": " + e.getMessage(), e);
    }
  }

  private static String redacted(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query) + "?...";
  }
}
