package io.mtnas.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.mtnas.protocol.WorkerCommand;
import io.mtnas.domain.search.SearchResources;
import io.mtnas.domain.search.SearchSpec;
import io.mtnas.domain.search.StrategySpec;
import io.mtnas.domain.work.WorkSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A durable search whose stored deliveries no longer fit what it proposes (here: run again under
 * the same id with another seed) fails with a reason instead of waiting forever for answers that
 * never come.
 */
class DivergentReplayTest {
  @TempDir static Path snapshots;
  private static ActorTestKit testKit;

  private static ActorRef<SearchHost.RunSearch> host() {
    if (testKit == null) {
      testKit = ActorTestKit.create("divergent", ConfigFactory.parseString(
          "pekko.persistence.journal.plugin = \"pekko.persistence.journal.inmem\"\n"
              + "pekko.persistence.snapshot-store.plugin = \"pekko.persistence.snapshot-store.local\"\n"
              + "pekko.persistence.snapshot-store.local.dir = \"" + snapshots + "\"")
          .withFallback(ConfigFactory.load("application-test")));
    }
    return testKit.spawn(SearchHost.create(new WorkSettings(Duration.ofSeconds(30), 3, Duration.ofMillis(100)),
        Executors.newFixedThreadPool(2)));
  }

  @AfterAll
  static void shutdown() {
    if (testKit != null) {
      testKit.shutdownTestKit();
    }
  }

  private static CompletableFuture<SearchCoordinator.Done> runDurable(ActorRef<SearchHost.RunSearch> host,
      SearchSpec spec) {
    var result = new CompletableFuture<SearchCoordinator.Done>();
    host.tell(new SearchHost.RunSearch("kept", spec, new SyntheticEvaluator(true), 1,
        ServiceKey.create(WorkerCommand.class, "divergent-" + spec.seed()), r -> {}, result, SearchResources.none(),
        new ProgressEvents("kept"), true));
    return result;
  }

  @Test
  void aReplayThatNoLongerFitsFailsTheSearch() throws Exception {
    ActorRef<SearchHost.RunSearch> host = host();
    SearchSpec stored = SearchHostTest.spec(21, 1, StrategySpec.rea(10, 5));
    SearchCoordinator.Done done = runDurable(host, stored).get(60, TimeUnit.SECONDS);
    assertThat(done.records()).isNotEmpty();
    assertThat(runDurable(host, stored).get(60, TimeUnit.SECONDS).records())
        .as("the same spec replays what it stored").containsExactlyInAnyOrderElementsOf(done.records());

    assertThatThrownBy(() -> runDurable(host, stored.withSeed(22)).get(60, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("search kept failed")
        .hasMessageContaining("stopped without a report");
  }
}
