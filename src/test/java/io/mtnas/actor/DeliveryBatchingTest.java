package io.mtnas.actor;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.mtnas.adapter.store.Database;
import io.mtnas.domain.evaluation.Direction;
import io.mtnas.domain.evaluation.EvaluationOutcome;
import io.mtnas.domain.evaluation.EvaluationTask;
import io.mtnas.domain.evaluation.JobId;
import io.mtnas.domain.space.SearchSpaces;
import io.mtnas.domain.work.StoredBudget;
import io.mtnas.domain.work.StoredDeliveries;
import io.mtnas.domain.work.StoredDelivery;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The delivery batcher in front of a real journal (embedded H2 file): group commit, order, durability. */
class DeliveryBatchingTest {
  @TempDir Path data;

  private static StoredDelivery delivery(long sequence) {
    var task = new EvaluationTask("a", "synthetic", "fitness", Direction.MAX, List.of(), java.util.Optional.empty());
    var outcome = new EvaluationOutcome.Scored(new JobId(task.name(), sequence),
        SearchSpaces.nb201().fromIndex(sequence), 0.5, Map.of(), 1.0);
    return new StoredDelivery(sequence, "a", outcome, "worker-1", 10);
  }

  @Test
  void entriesArrivingDuringAWriteGoInTheNextWriteTogether() {
    ActorTestKit kit = ActorTestKit.create("batcher", ConfigFactory.load("application-test"));
    try {
      TestProbe<DeliveryJournal.Command> journal = kit.createTestProbe();
      TestProbe<WorkManager.Delivered> to = kit.createTestProbe();
      ActorRef<DeliveryJournal.Entry> batcher = kit.spawn(DeliveryBatcher.create(journal.getRef()));
      batcher.tell(new DeliveryJournal.Record(delivery(1), to.getRef()));
      var first = journal.expectMessageClass(DeliveryJournal.Write.class);
      assertThat(first.entries()).hasSize(1);
      batcher.tell(new DeliveryJournal.Record(delivery(2), to.getRef()));
      batcher.tell(new DeliveryJournal.Record(delivery(3), to.getRef()));
      journal.expectNoMessage(Duration.ofMillis(200));
      first.written().tell(DeliveryJournal.Written.INSTANCE);
      var second = journal.expectMessageClass(DeliveryJournal.Write.class);
      assertThat(second.entries()).extracting(e -> ((StoredDelivery) e.input()).sequence()).containsExactly(2L, 3L);
      second.written().tell(DeliveryJournal.Written.INSTANCE);
      journal.expectNoMessage(Duration.ofMillis(200));
    } finally {
      kit.shutdownTestKit();
    }
  }

  @Test
  void aBurstIsStoredInOrderBeforeEachIsPassedOnAndSurvivesARestart() {
    Config config = database().applyTo(ConfigFactory.load("application-test"));
    database().createSchemaIfMissing();
    List<Long> told = new ArrayList<>();
    int burst = 300;
    ActorTestKit kit = ActorTestKit.create("journal", config);
    try {
      TestProbe<StoredDeliveries> recovered = kit.createTestProbe();
      var journal = kit.spawn(DeliveryJournal.create("burst", recovered.getRef()));
      assertThat(recovered.expectMessageClass(StoredDeliveries.class, Duration.ofSeconds(20)).size()).isZero();
      var batcher = kit.spawn(DeliveryBatcher.create(journal));
      TestProbe<WorkManager.Delivered> to = kit.createTestProbe();
      TestProbe<WorkManager.BudgetNotice> budgets = kit.createTestProbe();
      for (long s = 1; s <= burst; s++) {
        batcher.tell(new DeliveryJournal.Record(delivery(s), to.getRef()));
        if (s == 100) {
          batcher.tell(new DeliveryJournal.RecordBudget(new StoredBudget(100, "a", 7), budgets.getRef()));
        }
      }
      for (int i = 0; i < burst; i++) {
        told.add(to.expectMessageClass(WorkManager.Delivered.class, Duration.ofSeconds(20)).sequence());
      }
      assertThat(budgets.expectMessageClass(WorkManager.BudgetNotice.class).budget()).isEqualTo(7);
    } finally {
      kit.shutdownTestKit();
    }
    assertThat(told).hasSize(burst).isSorted().doesNotHaveDuplicates();

    ActorTestKit again = ActorTestKit.create("journal", config);
    try {
      TestProbe<StoredDeliveries> recovered = again.createTestProbe();
      again.spawn(DeliveryJournal.create("burst", recovered.getRef()));
      StoredDeliveries stored = recovered.expectMessageClass(StoredDeliveries.class, Duration.ofSeconds(20));
      assertThat(stored.size()).isEqualTo(burst);
      assertThat(stored.notices()).containsExactly(new StoredBudget(100, "a", 7));
    } finally {
      again.shutdownTestKit();
    }
  }

  private Database database() {
    return Database.from(ConfigFactory.parseMap(Map.of("mtnas.db.url", "", "mtnas.db.user", "",
        "mtnas.db.password", "")), data);
  }
}
