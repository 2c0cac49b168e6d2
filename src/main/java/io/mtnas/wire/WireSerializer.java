package io.mtnas.wire;

import com.google.protobuf.InvalidProtocolBufferException;
import io.mtnas.protocol.Evaluate;
import io.mtnas.protocol.Evaluated;
import io.mtnas.protocol.ManagerCommand;
import io.mtnas.protocol.RequestWork;
import io.mtnas.protocol.WorkReady;
import io.mtnas.protocol.WorkerCommand;
import io.mtnas.protocol.WorkerStatus;
import io.mtnas.protocol.WorkerStatusQuery;
import io.mtnas.wire.proto.v1.EvaluateProto;
import io.mtnas.wire.proto.v1.EvaluatedProto;
import io.mtnas.wire.proto.v1.RequestWorkProto;
import io.mtnas.wire.proto.v1.WorkReadyProto;
import io.mtnas.wire.proto.v1.WorkerStatusProto;
import io.mtnas.wire.proto.v1.WorkerStatusQueryProto;
import java.io.NotSerializableException;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * The one Pekko serializer for every {@link io.mtnas.protocol.WireMessage}: the record goes to its
 * {@code *Proto} through {@link WireCodec}, ActorRefs to their resolver strings. The manifest names
 * the message type; an unknown manifest (a newer peer) is a {@link NotSerializableException}.
 */
public final class WireSerializer extends SerializerWithStringManifest {
  /** Registered in application.conf; unique among the system's serializers. */
  public static final int IDENTIFIER = 7301;

  private static final String WORK_READY = "WorkReady";
  private static final String REQUEST_WORK = "RequestWork";
  private static final String EVALUATE = "Evaluate";
  private static final String EVALUATED = "Evaluated";
  private static final String STATUS_QUERY = "WorkerStatusQuery";
  private static final String STATUS = "WorkerStatus";

  private final ActorRefResolver resolver;

  public WireSerializer(ExtendedActorSystem system) {
    this.resolver = ActorRefResolver.get(Adapter.toTyped(system));
  }

  @Override
  public int identifier() {
    return IDENTIFIER;
  }

  @Override
  public String manifest(Object message) {
    if (message instanceof WorkReady) {
      return WORK_READY;
    } else if (message instanceof RequestWork) {
      return REQUEST_WORK;
    } else if (message instanceof Evaluate) {
      return EVALUATE;
    } else if (message instanceof Evaluated) {
      return EVALUATED;
    } else if (message instanceof WorkerStatusQuery) {
      return STATUS_QUERY;
    } else if (message instanceof WorkerStatus) {
      return STATUS;
    }
    throw new IllegalArgumentException("no wire mapping for " + message.getClass().getName());
  }

  @Override
  public byte[] toBinary(Object message) {
    if (message instanceof WorkReady m) {
      return WorkReadyProto.newBuilder().setManager(ref(m.manager())).build().toByteArray();
    } else if (message instanceof RequestWork m) {
      return RequestWorkProto.newBuilder()
          .setWorker(ref(m.worker()))
          .setWorkerId(m.workerId())
          .build()
          .toByteArray();
    } else if (message instanceof Evaluate m) {
      return EvaluateProto.newBuilder()
          .setSearchId(m.searchId())
          .setJob(WireCodec.toProto(m.job()))
          .setManager(ref(m.manager()))
          .build()
          .toByteArray();
    } else if (message instanceof Evaluated m) {
      return EvaluatedProto.newBuilder()
          .setSearchId(m.searchId())
          .setOutcome(WireCodec.toProto(m.outcome()))
          .setWorker(ref(m.worker()))
          .setWorkerId(m.workerId())
          .setWallMicros(m.wallMicros())
          .build()
          .toByteArray();
    } else if (message instanceof WorkerStatusQuery m) {
      return WorkerStatusQueryProto.newBuilder().setReplyTo(ref(m.replyTo())).build().toByteArray();
    } else if (message instanceof WorkerStatus m) {
      return WorkerStatusProto.newBuilder().setWorkerId(m.workerId()).setNode(m.node()).setDevice(m.device())
          .setBusy(m.busy()).setSearch(m.search().orElse("")).setJobsDone(m.jobsDone()).build().toByteArray();
    }
    throw new IllegalArgumentException("no wire mapping for " + message.getClass().getName());
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
    try {
      return switch (manifest) {
        case WORK_READY -> new WorkReady(managerRef(WorkReadyProto.parseFrom(bytes).getManager()));
        case REQUEST_WORK -> {
          RequestWorkProto p = RequestWorkProto.parseFrom(bytes);
          yield new RequestWork(workerRef(p.getWorker()), p.getWorkerId());
        }
        case EVALUATE -> {
          EvaluateProto p = EvaluateProto.parseFrom(bytes);
          yield new Evaluate(p.getSearchId(), WireCodec.fromProto(p.getJob()), managerRef(p.getManager()));
        }
        case EVALUATED -> {
          EvaluatedProto p = EvaluatedProto.parseFrom(bytes);
          yield new Evaluated(
              p.getSearchId(),
              WireCodec.fromProto(p.getOutcome()),
              workerRef(p.getWorker()),
              p.getWorkerId(),
              p.getWallMicros());
        }
        case STATUS_QUERY -> new WorkerStatusQuery(resolve(WorkerStatusQueryProto.parseFrom(bytes).getReplyTo(),
            "reply_to"));
        case STATUS -> {
          WorkerStatusProto p = WorkerStatusProto.parseFrom(bytes);
          yield new WorkerStatus(p.getWorkerId(), p.getNode(), p.getDevice(), p.getBusy(),
              p.getSearch().isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(p.getSearch()),
              p.getJobsDone());
        }
        default -> throw new NotSerializableException("unknown wire manifest \"" + manifest + "\"");
      };
    } catch (InvalidProtocolBufferException e) {
      throw new WireFormatException(manifest + ": not a valid Protobuf message: " + e.getMessage(), e);
    }
  }

  private String ref(ActorRef<?> ref) {
    return resolver.toSerializationFormat(ref);
  }

  private ActorRef<ManagerCommand> managerRef(String serialized) {
    return resolve(serialized, "manager");
  }

  private ActorRef<WorkerCommand> workerRef(String serialized) {
    return resolve(serialized, "worker");
  }

  private <T> ActorRef<T> resolve(String serialized, String field) {
    if (serialized.isEmpty()) {
      throw new WireFormatException(field + ": empty actor reference");
    }
    return resolver.resolveActorRef(serialized);
  }
}
