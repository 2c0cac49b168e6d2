package io.mtnas.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.mtnas.domain.evaluation.Direction;
import io.mtnas.domain.evaluation.EvaluationJob;
import io.mtnas.domain.evaluation.EvaluationOutcome;
import io.mtnas.domain.evaluation.EvaluationOutcome.FailureKind;
import io.mtnas.domain.evaluation.EvaluationTask;
import io.mtnas.domain.evaluation.JobId;
import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.space.SearchSpaces;
import io.mtnas.protocol.Evaluate;
import io.mtnas.protocol.Evaluated;
import io.mtnas.protocol.ManagerCommand;
import io.mtnas.protocol.RequestWork;
import io.mtnas.protocol.WorkReady;
import io.mtnas.protocol.WorkerCommand;
import io.mtnas.protocol.WorkerStatus;
import io.mtnas.protocol.WorkerStatusQuery;
import io.mtnas.wire.proto.v1.EvaluatedProto;
import io.mtnas.wire.proto.v1.EvaluationOutcomeProto;
import io.mtnas.wire.proto.v1.JobIdProto;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WireSerializerTest {
  private static final ActorTestKit testKit =
      ActorTestKit.create("wire", ConfigFactory.load("application-test"));
  private static final TestProbe<ManagerCommand> manager = testKit.createTestProbe(ManagerCommand.class);
  private static final TestProbe<WorkerCommand> worker = testKit.createTestProbe(WorkerCommand.class);
  private static final TestProbe<WorkerStatus> status = testKit.createTestProbe(WorkerStatus.class);
  private static final Serialization serialization =
      SerializationExtension.get(Adapter.toClassic(testKit.system()));

  private static final Architecture NB201 =
      SearchSpaces.nb201().of(3, 3, 2, 1, 3, 4);
  private static final Architecture TRANSNAS = SearchSpaces.transNasMicro().of(1, 0, 2, 3, 3, 3);
  private static final EvaluationTask TASK =
      new EvaluationTask(
          "cifar10-valid",
          "nb201",
          "cifar10valid_val_acc_200ep",
          Direction.MAX,
          List.of("cifar10_test_acc_200ep", "cifar10_freerea_synflow"),
          Optional.of("cifar10valid_train_time_s_total_200ep"));
  private static final EvaluationTask TASK_MIN_NO_COST =
      new EvaluationTask("room", "transnas-micro", "loss", Direction.MIN, List.of(), Optional.empty());

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  static Stream<Object> messages() {
    JobId id = new JobId("cifar10-valid", 42);
    return Stream.of(
        new WorkReady(manager.ref()),
        new RequestWork(worker.ref(), "worker-1"),
        new Evaluate("search-1", new EvaluationJob(id, TASK, NB201, 2), manager.ref()),
        new Evaluate(
            "s", new EvaluationJob(new JobId("room", 0), TASK_MIN_NO_COST, TRANSNAS, 1), manager.ref()),
        new Evaluated(
            "search-1",
            new EvaluationOutcome.Scored(
                id, NB201, 91.5, Map.of("cifar10_test_acc_200ep", 94.1, "x", Double.NaN), 2169.6),
            worker.ref(),
            "worker-1",
            1234),
        new Evaluated(
            "search-1",
            new EvaluationOutcome.Failed(id, TRANSNAS, FailureKind.OUT_OF_MEMORY, "CUDA out of memory"),
            worker.ref(),
            "worker-2",
            0),
        new WorkerStatusQuery(status.ref()),
        new WorkerStatus("127.0.0.1:25521/cuda-1-2", "pekko://mtnas-serve@127.0.0.1:25521", "cuda:1", true,
            Optional.of("search-1"), 17),
        new WorkerStatus("pool-worker-1", "pekko://mtnas-serve@127.0.0.1:25520", "cpu", false, Optional.empty(), 0));
  }

  @ParameterizedTest
  @MethodSource("messages")
  void everyWireMessageRoundTripsThroughItsProtobufSerializer(Object message) {
    var serializer = serialization.findSerializerFor(message);
    assertThat(serializer).isInstanceOf(WireSerializer.class);
    byte[] bytes = serializer.toBinary(message);
    String manifest = Serializers.manifestFor(serializer, message);

    Object back = serialization.deserialize(bytes, serializer.identifier(), manifest).get();

    assertThat(back).isNotSameAs(message).isEqualTo(message);
  }

  @Test
  void unknownManifestIsRejected() throws Exception {
    var serializer = (WireSerializer) serialization.serializerFor(WorkReady.class);
    assertThatThrownBy(() -> serializer.fromBinary(new byte[0], "FromTheFuture"))
        .hasMessageContaining("unknown wire manifest \"FromTheFuture\"");
  }

  @Test
  void outcomeWithNeitherScoreNorFailureIsRejectedNamingTheJob() throws Exception {
    var serializer = (WireSerializer) serialization.serializerFor(Evaluated.class);
    byte[] bytes =
        EvaluatedProto.newBuilder()
            .setSearchId("s")
            .setWorker(org.apache.pekko.actor.typed.ActorRefResolver.get(testKit.system())
                .toSerializationFormat(worker.ref()))
            .setOutcome(
                EvaluationOutcomeProto.newBuilder()
                    .setJobId(JobIdProto.newBuilder().setTask("t").setSequence(3))
                    .setArchitecture(WireCodec.toProto(NB201)))
            .build()
            .toByteArray();
    assertThatThrownBy(() -> serializer.fromBinary(bytes, "Evaluated"))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("t#3")
        .hasMessageContaining("neither scored nor failed");
  }

  @Test
  void malformedArchitectureIsRejectedNamingTheField() {
    var proto = WireCodec.toProto(NB201).toBuilder().setSpace("darts").build();
    assertThatThrownBy(() -> WireCodec.fromProto(proto))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("architecture")
        .hasMessageContaining("darts");
  }

  @Test
  void garbageBytesAreRejected() throws Exception {
    var serializer = (WireSerializer) serialization.serializerFor(Evaluate.class);
    assertThatThrownBy(() -> serializer.fromBinary(new byte[] {(byte) 0xff, 0x01, 0x02}, "Evaluate"))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("Evaluate");
  }
}
