package io.mtnas.adapter.management;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.management.cluster.bootstrap.ClusterBootstrap;
import org.apache.pekko.management.javadsl.PekkoManagement;

/**
 * Pekko Management on a cluster node: the HTTP endpoint with the {@code /alive} and {@code /ready}
 * probes and the Cluster Bootstrap routes a joining worker node asks for the service's seed nodes.
 * It has no token, so it serves nothing else (the membership routes are off in
 * conf/application.conf) and binds where the cluster node does, loopback by default.
 */
public final class Management {
  /** The discovery methods a worker node may bootstrap with. */
  public static final List<String> DISCOVERY_METHODS = List.of("config", "kubernetes-api");

  private Management() {}

  /** {@code base} with Management on {@code host:port} (port 0: a free one). */
  public static Config at(String host, int port, Config base) {
    return ConfigFactory.parseMap(Map.of("pekko.management.http.hostname", host, "pekko.management.http.port", port))
        .withFallback(base);
  }

  /**
   * {@code base} set up to find the service through Cluster Bootstrap: {@code discoveryMethod}
   * {@code config} reads {@code contactPoints} (the service's Management {@code host:port}),
   * {@code kubernetes-api} asks the Kubernetes API for the service's pods. A worker node never
   * forms a cluster of its own: it waits for a contact point that is in one.
   */
  public static Config bootstrapping(String discoveryMethod, List<String> contactPoints, Config base) {
    if (!DISCOVERY_METHODS.contains(discoveryMethod)) {
      throw new IllegalArgumentException("discovery method must be one of " + DISCOVERY_METHODS + ", got "
          + discoveryMethod);
    }
    String bootstrap = "pekko.management.cluster.bootstrap.";
    Config config = ConfigFactory.empty()
        .withValue(bootstrap + "contact-point-discovery.discovery-method", ConfigValueFactory.fromAnyRef(discoveryMethod))
        .withValue(bootstrap + "new-cluster-enabled", ConfigValueFactory.fromAnyRef(false))
        // the service and its worker nodes may share one host with different ports
        .withValue(bootstrap + "contact-point.filter-on-fallback-port", ConfigValueFactory.fromAnyRef(false));
    if (discoveryMethod.equals("config") && !contactPoints.isEmpty()) {
      String service = base.getString(bootstrap + "contact-point-discovery.service-name");
      List<Map<String, Object>> endpoints = contactPoints.stream().map(hp -> {
        int colon = hp.lastIndexOf(':');
        return Map.<String, Object>of("host", hp.substring(0, colon), "port", Integer.parseInt(hp.substring(colon + 1)));
      }).toList();
      config = config.withValue("pekko.discovery.config.services." + service + ".endpoints",
          ConfigValueFactory.fromIterable(endpoints));
    }
    return config.withFallback(base);
  }

  /** Starts Management on {@code system}; returns its base URI (with the real port). */
  public static String start(ActorSystem<?> system) {
    try {
      return PekkoManagement.get(Adapter.toClassic(system)).start().toCompletableFuture()
          .get(30, TimeUnit.SECONDS).toString();
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException("cannot start Pekko Management on "
          + system.settings().config().getString("pekko.management.http.hostname") + ":"
          + system.settings().config().getInt("pekko.management.http.port") + ": " + cause.getMessage(), cause);
    }
  }

  /** Starts Cluster Bootstrap (after {@link #start}): the node joins the cluster its contact points are in. */
  public static void bootstrap(ActorSystem<?> system) {
    ClusterBootstrap.get(Adapter.toClassic(system)).start();
  }
}
