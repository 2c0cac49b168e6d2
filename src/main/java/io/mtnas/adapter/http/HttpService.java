package io.mtnas.adapter.http;

import com.typesafe.config.Config;
import io.mtnas.actor.SearchService;
import io.mtnas.adapter.benchmark.BenchmarkTables;
import io.mtnas.adapter.management.Management;
import io.mtnas.adapter.management.Readiness;
import io.mtnas.adapter.store.Database;
import io.mtnas.domain.work.WorkSettings;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;

/**
 * A running {@code mtnas serve}: one ActorSystem whose guardian is the {@link SearchService}, and
 * the HTTP API bound on it. {@link #close()} unbinds and stops everything (so does the JVM's
 * shutdown hook, through Pekko's coordinated shutdown).
 */
public final class HttpService implements AutoCloseable {
  private final ActorSystem<SearchService.Command> system;
  private final ServerBinding binding;
  private final ExecutorService blocking;

  private HttpService(ActorSystem<SearchService.Command> system, ServerBinding binding, ExecutorService blocking) {
    this.system = system;
    this.binding = binding;
    this.blocking = blocking;
  }

  /**
   * Starts the service and binds {@code host:port} (port 0: a free one, see {@link #address()}).
   *
   * @param token the API token every {@code /api/v1} request must present
   * @throws IllegalStateException when the address cannot be bound (the system is stopped again)
   */
  public static HttpService start(Config config, WorkSettings work, ApiSettings settings, BenchmarkTables tables,
      SearchService.Launcher launcher, DataDirectory data, String host, int port, String token) {
    if (token == null || token.strip().length() < BearerToken.MIN_LENGTH) {
      throw new IllegalArgumentException("the API token must have at least " + BearerToken.MIN_LENGTH
          + " characters");
    }
    Database database = Database.from(config, data.root());
    database.createSchemaIfMissing();
    config = database.applyTo(config);
    // a cluster node with role coordinator, so that worker nodes can join it
    config = com.typesafe.config.ConfigFactory.parseString("""
        pekko.actor.provider = cluster
        pekko.cluster.roles = [coordinator]
        """).withFallback(config);
    ExecutorService blocking = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "mtnas-evaluator");
      t.setDaemon(true);
      return t;
    });
    ActorSystem<SearchService.Command> system = ActorSystem.create(
        SearchService.create(work, blocking, launcher, data, settings.maxRunning(), settings.eventHistory(),
            settings.workers()), "mtnas-serve", config);
    Readiness ready = Readiness.of(system);
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeServiceUnbind(), "mtnas-not-ready",
        () -> {
          ready.set(false);
          return java.util.concurrent.CompletableFuture.completedFuture(Done.getInstance());
        });
    try {
      joinItself(system);
    } catch (RuntimeException e) {
      system.terminate();
      blocking.shutdownNow();
      throw e;
    }
    ApiRoutes routes = new ApiRoutes(system, system, tables, settings, BearerToken.of(token.strip()), ready::isReady);
    ServerBinding binding;
    try {
      binding = Http.get(system).newServerAt(host, port).bind(routes.routes())
          .toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      system.terminate();
      blocking.shutdownNow();
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + cause.getMessage(), cause);
    }
    binding.addToCoordinatedShutdown(Duration.ofSeconds(5), system);
    system.getWhenTerminated().thenRun(blocking::shutdownNow);
    ready.set(true);
    return new HttpService(system, binding, blocking);
  }

  /** The first node forms the cluster by joining itself; the API is ready only once it is Up. */
  private static void joinItself(ActorSystem<?> system) {
    Cluster cluster = Cluster.get(system);
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (cluster.selfMember().status() != MemberStatus.up()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the cluster node " + cluster.selfMember().address() + " did not come up in 30 s");
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the cluster node came up", e);
      }
    }
  }

  /**
   * Starts Pekko Management on this node (config {@code pekko.management.http}): the {@code /alive}
   * and {@code /ready} probes and the Cluster Bootstrap routes; returns its base URI.
   */
  public String startManagement() {
    return Management.start(system);
  }

  /** This node's cluster address, e.g. {@code pekko://mtnas-serve@127.0.0.1:25520}. */
  public String node() {
    return Cluster.get(system).selfMember().address().toString();
  }

  /** This node's roles, without Pekko's data-centre role ({@code dc-default}). */
  public java.util.Set<String> roles() {
    java.util.Set<String> roles = new java.util.TreeSet<>(Cluster.get(system).selfMember().getRoles());
    roles.removeIf(r -> r.startsWith("dc-"));
    return roles;
  }

  /** The bound address (the real port when 0 was asked for). */
  public InetSocketAddress address() {
    return binding.localAddress();
  }

  /** Completes when the service has stopped (after {@link #close()} or a shutdown signal). */
  public java.util.concurrent.CompletionStage<Done> whenTerminated() {
    return system.getWhenTerminated();
  }

  @Override
  public void close() {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      // stopping anyway
    }
    blocking.shutdownNow();
  }
}
