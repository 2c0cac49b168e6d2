package io.mtnas.adapter.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkerNodeTest {
  private static WorkerNode.Settings settings(WorkerNode.Joining joining, List<String> devices, int slots) {
    return new WorkerNode.Settings(joining, "10.0.0.9", 25521, 8559, devices, slots, Duration.ofSeconds(5));
  }

  private static WorkerNode.Settings settings(List<String> devices, int slots) {
    return settings(WorkerNode.Joining.seeds(List.of("10.0.0.1:25520", "10.0.0.2:25520")), devices, slots);
  }

  @Test
  void aNodeJoinsTheServicesSeedsAsAWorkerOnItsOwnAddress() {
    Config c = WorkerNode.nodeConfig(settings(List.of("cpu"), 1), ConfigFactory.load());
    assertThat(c.getString("pekko.actor.provider")).isEqualTo("cluster");
    assertThat(c.getStringList("pekko.cluster.roles")).containsExactly("worker");
    assertThat(c.getStringList("pekko.cluster.seed-nodes"))
        .containsExactly("pekko://mtnas-serve@10.0.0.1:25520", "pekko://mtnas-serve@10.0.0.2:25520");
    assertThat(c.getString("pekko.remote.artery.canonical.hostname")).isEqualTo("10.0.0.9");
    assertThat(c.getInt("pekko.remote.artery.canonical.port")).isEqualTo(25521);
    assertThat(c.getString("pekko.management.http.hostname")).as("probes where the node is").isEqualTo("10.0.0.9");
    assertThat(c.getInt("pekko.management.http.port")).isEqualTo(8559);
    assertThat(c.getString("pekko.cluster.split-brain-resolver.static-quorum.role"))
        .as("the side with the service survives").isEqualTo(CoordinatorWatch.COORDINATOR);
  }

  @Test
  void aBootstrappingNodeFindsTheServiceThroughItsContactPointsAndNeverFormsAClusterAlone() {
    Config c = WorkerNode.nodeConfig(settings(WorkerNode.Joining.bootstrap("config",
        List.of("10.0.0.1:8558", "10.0.0.2:9000")), List.of("cpu"), 1), ConfigFactory.load());
    String discovery = "pekko.management.cluster.bootstrap.contact-point-discovery.";
    assertThat(c.getStringList("pekko.cluster.seed-nodes")).isEmpty();
    assertThat(c.getString(discovery + "discovery-method")).isEqualTo("config");
    assertThat(c.getBoolean("pekko.management.cluster.bootstrap.new-cluster-enabled")).isFalse();
    String service = c.getString(discovery + "service-name");
    assertThat(c.getConfigList("pekko.discovery.config.services." + service + ".endpoints"))
        .extracting(e -> e.getString("host") + ":" + e.getInt("port"))
        .containsExactly("10.0.0.1:8558", "10.0.0.2:9000");

    Config k8s = WorkerNode.nodeConfig(settings(WorkerNode.Joining.bootstrap("kubernetes-api", List.of()),
        List.of("cuda:0"), 1), ConfigFactory.load());
    assertThat(k8s.getString(discovery + "discovery-method")).isEqualTo("kubernetes-api");
    assertThat(k8s.getString("pekko.discovery.kubernetes-api.class")).as("the module is on the class path")
        .endsWith("KubernetesApiServiceDiscovery");
  }

  @Test
  void eachDeviceGetsItsSlots() {
    assertThat(settings(List.of("cuda:0", "cuda:1"), 2).slots()).extracting(s -> s.device() + " " + s.name())
        .containsExactly("cuda:0 cuda-0-1", "cuda:0 cuda-0-2", "cuda:1 cuda-1-1", "cuda:1 cuda-1-2");
    assertThatThrownBy(() -> settings(List.of("cpu"), 0)).hasMessageContaining("--slots-per-device");
  }

  @Test
  void aNodeJoinsOneWay() {
    assertThatThrownBy(() -> WorkerNode.Joining.seeds(List.of())).hasMessageContaining("--join")
        .hasMessageContaining("--bootstrap");
    assertThatThrownBy(() -> new WorkerNode.Joining(List.of("h:1"), Optional.of("config"), List.of()))
        .hasMessageContaining("exactly one");
    assertThatThrownBy(() -> WorkerNode.Joining.bootstrap("dns", List.of())).hasMessageContaining("--discovery")
        .hasMessageContaining("dns");
  }
}
