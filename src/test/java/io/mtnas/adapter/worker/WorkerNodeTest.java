package io.mtnas.adapter.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerNodeTest {
  private static WorkerNode.Settings settings(List<String> devices, int slots) {
    return new WorkerNode.Settings(List.of("10.0.0.1:25520", "10.0.0.2:25520"), "10.0.0.9", 25521, devices, slots,
        Duration.ofSeconds(5));
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
    assertThat(c.getString("pekko.cluster.split-brain-resolver.static-quorum.role"))
        .as("the side with the service survives").isEqualTo(CoordinatorWatch.COORDINATOR);
  }

  @Test
  void eachDeviceGetsItsSlots() {
    assertThat(settings(List.of("cuda:0", "cuda:1"), 2).slots()).extracting(s -> s.device() + " " + s.name())
        .containsExactly("cuda:0 cuda-0-1", "cuda:0 cuda-0-2", "cuda:1 cuda-1-1", "cuda:1 cuda-1-2");
    assertThatThrownBy(() -> settings(List.of("cpu"), 0)).hasMessageContaining("--slots-per-device");
    assertThatThrownBy(() -> new WorkerNode.Settings(List.of(), "h", 0, List.of("cpu"), 1, Duration.ofSeconds(1)))
        .hasMessageContaining("--join");
  }
}
