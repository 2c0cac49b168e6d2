package io.mtnas.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.mtnas.domain.evaluation.EvaluationOutcome;
import io.mtnas.domain.evaluation.EvaluationOutcome.FailureKind;
import io.mtnas.domain.evaluation.JobId;
import io.mtnas.domain.search.EvaluationRecord;
import io.mtnas.domain.search.TaskResult;
import io.mtnas.domain.search.TransferStats;
import io.mtnas.domain.transfer.Label;
import io.mtnas.domain.service.CatalogEvent;
import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.space.SearchSpaces;
import io.mtnas.domain.work.StoredBudget;
import io.mtnas.domain.work.StoredJoin;
import io.mtnas.domain.work.StoredDeliveries;
import io.mtnas.domain.work.StoredDelivery;
import java.io.NotSerializableException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Everything mtnas serve persists goes through the Protobuf serializer bound in application.conf and back. */
class PersistedSerializerTest {
  private static final ActorTestKit testKit = ActorTestKit.create("persisted", ConfigFactory.load("application-test"));
  private static final Serialization serialization = SerializationExtension.get(Adapter.toClassic(testKit.system()));

  private static final Architecture ARCH = SearchSpaces.nb201().of(3, 3, 2, 1, 3, 4);
  private static final JobId JOB = new JobId("cifar10", 7);
  private static final StoredDelivery SCORED = new StoredDelivery(3, "cifar10",
      new EvaluationOutcome.Scored(JOB, ARCH, 91.5, Map.of("test", 90.25, "synflow", -1.5), 120.0), "node-2/w1", 4711);
  private static final StoredDelivery FAILED = new StoredDelivery(4, "cifar10",
      new EvaluationOutcome.Failed(JOB, ARCH, FailureKind.OUT_OF_MEMORY, "CUDA out of memory"), "w2", 0);
  private static final EvaluationRecord RECORD = new EvaluationRecord("cifar10", 1, JOB, ARCH, "transfer",
      91.5, 91.5, Map.of("test", 90.25), 120.0);

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  static Stream<Object> persisted() {
    return Stream.of(
        SCORED,
        FAILED,
        new StoredDeliveries(List.of(new StoredDelivery(1, "a", SCORED.outcome(), "w", 1),
            new StoredDelivery(2, "a", FAILED.outcome(), "w", 2)), List.of()),
        new StoredDeliveries(List.of(new StoredDelivery(1, "a", SCORED.outcome(), "w", 1)),
            List.of(new StoredBudget(0, "a", 30), new StoredJoin(1, "b"), new StoredBudget(1, "b", 7))),
        new StoredBudget(12, "cifar10", 400),
        new StoredJoin(12, "imagenet16-120"),
        StoredDeliveries.empty(),
        new CatalogEvent.Submitted("s-1", "{\"name\": \"é\"}", Optional.of("key-1")),
        new CatalogEvent.Submitted("s-2", "{}", Optional.empty()),
        new CatalogEvent.Started("s-1"),
        new CatalogEvent.Finished("s-1",
            List.of(new TaskResult("cifar10", Optional.of(ARCH), 91.5, Map.of("test", 90.25), 1, 10, 2,
                    OptionalInt.of(4), 1200.0),
                new TaskResult("empty", Optional.empty(), Double.NaN, Map.of(), 0, 0, 0, OptionalInt.empty(), 0)),
            1234, List.of(new TransferStats("a", "b", 3, 2, 1)), List.of(RECORD),
            List.of(new Label(ARCH, "a", "b", true, 3), new Label(ARCH, "b", "a", false, 0))),
        new CatalogEvent.Failed("s-1", "its coordinator stopped"),
        new CatalogEvent.Cancelled("s-1"),
        new CatalogEvent.Deleted("s-1"),
        new CatalogEvent.BudgetsChanged("s-1", Map.of("cifar10", 200, "é", 1)),
        new CatalogEvent.Paused("s-1"),
        new CatalogEvent.Resumed("s-1"),
        new CatalogEvent.TaskJoined("s-1", "c100", "{\"name\": \"x\"}"));
  }

  @ParameterizedTest
  @MethodSource("persisted")
  void roundTripsThroughTheBoundSerializer(Object value) throws Exception {
    var serializer = serialization.findSerializerFor(value);
    assertThat(serializer).isInstanceOf(PersistedSerializer.class);
    byte[] bytes = serialization.serialize(value).get();
    String manifest = Serializers.manifestFor(serializer, value);
    Object back = serialization.deserialize(bytes, serializer.identifier(), manifest).get();
    if (value instanceof CatalogEvent.Finished f) {
      // NaN != NaN in a record's equals: compare the parts
      CatalogEvent.Finished g = (CatalogEvent.Finished) back;
      assertThat(g.records()).isEqualTo(f.records());
      assertThat(g.transfers()).isEqualTo(f.transfers());
      assertThat(g.tasks().get(0)).isEqualTo(f.tasks().get(0));
      assertThat(g.tasks().get(1).best()).isEmpty();
      assertThat(g.tasks().get(1).bestFitness()).isNaN();
      assertThat(g.tasks().get(1).evaluationsToThreshold()).isEmpty();
    } else {
      assertThat(back).isEqualTo(value);
    }
  }

  @Test
  void aSnapshotWrittenBeforeJoinsExistedReadsItsBudgetChanges() throws Exception {
    byte[] old = io.mtnas.wire.proto.v1.StoredDeliveriesProto.newBuilder()
        .addDeliveries(PersistedCodec.toProto(new StoredDelivery(1, "a", SCORED.outcome(), "w", 1)))
        .addBudgets(PersistedCodec.toProto(new StoredBudget(1, "a", 30))).build().toByteArray();
    Object back = new PersistedSerializer().fromBinary(old, PersistedSerializer.STORED_DELIVERIES);
    assertThat(((StoredDeliveries) back).notices()).containsExactly(new StoredBudget(1, "a", 30));
  }

  @Test
  void anUnknownManifestOrCorruptBytesAreClearErrors() {
    PersistedSerializer s = new PersistedSerializer();
    assertThatThrownBy(() -> s.fromBinary(new byte[0], "CatalogEvent.v9"))
        .isInstanceOf(NotSerializableException.class).hasMessageContaining("CatalogEvent.v9");
    assertThatThrownBy(() -> s.fromBinary(new byte[] {(byte) 0xff, 1, 2}, PersistedSerializer.STORED_DELIVERY))
        .isInstanceOf(WireFormatException.class).hasMessageContaining("StoredDelivery.v1");
    assertThatThrownBy(() -> s.fromBinary(new byte[0], PersistedSerializer.CATALOG_EVENT))
        .isInstanceOf(WireFormatException.class).hasMessageContaining("none of its kinds");
  }
}
