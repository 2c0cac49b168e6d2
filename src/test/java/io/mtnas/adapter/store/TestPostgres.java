package io.mtnas.adapter.store;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The PostgreSQL server the tests run against: {@code MTNAS_TEST_PG_URL} (a database the role may
 * connect to), user and password, by default the local server and role that bin/setup-postgres
 * makes. Each test gets a database of its own. A server that cannot be reached fails the test:
 * the README's test command starts one.
 */
public final class TestPostgres {
  private static final String URL = env("MTNAS_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
  private static final String USER = env("MTNAS_TEST_PG_USER", "mtnas_test");
  private static final String PASSWORD = env("MTNAS_TEST_PG_PASSWORD", "mtnas_test");

  private TestPostgres() {}

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  /** A new, empty database; its JDBC URL. */
  public static String freshDatabase(String prefix) {
    String name = prefix + "_" + Long.toUnsignedString(System.nanoTime(), 36);
    try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      fail("PostgreSQL at " + URL + " (user " + USER + ") cannot be used: " + e.getMessage()
          + ". Run bin/setup (it installs and starts PostgreSQL) or set MTNAS_TEST_PG_URL/_USER/_PASSWORD.");
    }
    int slash = URL.lastIndexOf('/');
    return URL.substring(0, slash + 1) + name;
  }

  /** Drops a database {@link #freshDatabase} made. */
  public static void drop(String url) {
    String name = url.substring(url.lastIndexOf('/') + 1);
    try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop test database " + name + ": " + e.getMessage(), e);
    }
  }

  /** The environment that points {@code mtnas serve} at {@code url} (config mtnas.db). */
  public static Map<String, String> serveEnv(String url) {
    return Map.of("MTNAS_DB_URL", url, "MTNAS_DB_USER", USER, "MTNAS_DB_PASSWORD", PASSWORD);
  }
}
