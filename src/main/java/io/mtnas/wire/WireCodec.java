package io.mtnas.wire;

import io.mtnas.domain.evaluation.Direction;
import io.mtnas.domain.evaluation.EvaluationJob;
import io.mtnas.domain.evaluation.EvaluationOutcome;
import io.mtnas.domain.evaluation.EvaluationOutcome.FailureKind;
import io.mtnas.domain.evaluation.EvaluationTask;
import io.mtnas.domain.evaluation.JobId;
import io.mtnas.domain.space.Architecture;
import io.mtnas.domain.space.SearchSpaces;
import io.mtnas.wire.proto.v1.ArchitectureProto;
import io.mtnas.wire.proto.v1.DirectionProto;
import io.mtnas.wire.proto.v1.EvaluationJobProto;
import io.mtnas.wire.proto.v1.EvaluationOutcomeProto;
import io.mtnas.wire.proto.v1.EvaluationTaskProto;
import io.mtnas.wire.proto.v1.FailedProto;
import io.mtnas.wire.proto.v1.FailureKindProto;
import io.mtnas.wire.proto.v1.JobIdProto;
import io.mtnas.wire.proto.v1.ScoredProto;
import java.util.Optional;

/**
 * Maps domain values to their Protobuf form and back. Decoding validates: a message that names an
 * unknown space, an unparsable architecture or an unset enum fails with {@link WireFormatException}
 * naming the field and value.
 */
public final class WireCodec {
  private WireCodec() {}

  public static ArchitectureProto toProto(Architecture a) {
    return ArchitectureProto.newBuilder().setSpace(a.space().id()).setEncoded(a.toString()).build();
  }

  public static Architecture fromProto(ArchitectureProto p) {
    try {
      return SearchSpaces.byId(p.getSpace()).parse(p.getEncoded());
    } catch (IllegalArgumentException e) {
      throw new WireFormatException("architecture: " + e.getMessage(), e);
    }
  }

  public static JobIdProto toProto(JobId id) {
    return JobIdProto.newBuilder().setTask(id.task()).setSequence(id.sequence()).build();
  }

  public static JobId fromProto(JobIdProto p) {
    try {
      return new JobId(p.getTask(), p.getSequence());
    } catch (IllegalArgumentException e) {
      throw new WireFormatException("job_id: " + e.getMessage(), e);
    }
  }

  public static DirectionProto toProto(Direction d) {
    return d == Direction.MAX ? DirectionProto.DIRECTION_MAX : DirectionProto.DIRECTION_MIN;
  }

  public static Direction fromProto(DirectionProto p) {
    return switch (p) {
      case DIRECTION_MAX -> Direction.MAX;
      case DIRECTION_MIN -> Direction.MIN;
      default -> throw new WireFormatException("direction: unset or unknown value " + p);
    };
  }

  public static EvaluationTaskProto toProto(EvaluationTask t) {
    return EvaluationTaskProto.newBuilder()
        .setName(t.name())
        .setBenchmark(t.benchmark())
        .setFitnessMetric(t.fitnessMetric())
        .setDirection(toProto(t.direction()))
        .addAllExtraMetrics(t.extraMetrics())
        .setCostMetric(t.costMetric().orElse(""))
        .build();
  }

  public static EvaluationTask fromProto(EvaluationTaskProto p) {
    return new EvaluationTask(
        p.getName(),
        p.getBenchmark(),
        p.getFitnessMetric(),
        fromProto(p.getDirection()),
        p.getExtraMetricsList(),
        p.getCostMetric().isEmpty() ? Optional.empty() : Optional.of(p.getCostMetric()));
  }

  public static EvaluationJobProto toProto(EvaluationJob j) {
    return EvaluationJobProto.newBuilder()
        .setId(toProto(j.id()))
        .setTask(toProto(j.task()))
        .setArchitecture(toProto(j.architecture()))
        .setAttempt(j.attempt())
        .build();
  }

  public static EvaluationJob fromProto(EvaluationJobProto p) {
    try {
      return new EvaluationJob(
          fromProto(p.getId()), fromProto(p.getTask()), fromProto(p.getArchitecture()), p.getAttempt());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new WireFormatException("job: " + e.getMessage(), e);
    }
  }

  public static FailureKindProto toProto(FailureKind k) {
    return FailureKindProto.valueOf("FAILURE_KIND_" + k.name());
  }

  public static FailureKind fromProto(FailureKindProto p) {
    if (p == FailureKindProto.FAILURE_KIND_UNSPECIFIED || p == FailureKindProto.UNRECOGNIZED) {
      throw new WireFormatException("failure kind: unset or unknown value " + p);
    }
    return FailureKind.valueOf(p.name().substring("FAILURE_KIND_".length()));
  }

  public static EvaluationOutcomeProto toProto(EvaluationOutcome o) {
    EvaluationOutcomeProto.Builder b =
        EvaluationOutcomeProto.newBuilder()
            .setJobId(toProto(o.jobId()))
            .setArchitecture(toProto(o.architecture()));
    if (o instanceof EvaluationOutcome.Scored s) {
      b.setScored(
          ScoredProto.newBuilder()
              .setFitness(s.fitness())
              .putAllMetrics(s.metrics())
              .setCostSeconds(s.costSeconds()));
    } else if (o instanceof EvaluationOutcome.Failed f) {
      b.setFailed(FailedProto.newBuilder().setKind(toProto(f.kind())).setReason(f.reason()));
    }
    return b.build();
  }

  public static EvaluationOutcome fromProto(EvaluationOutcomeProto p) {
    JobId id = fromProto(p.getJobId());
    Architecture a = fromProto(p.getArchitecture());
    return switch (p.getResultCase()) {
      case SCORED -> {
        ScoredProto s = p.getScored();
        try {
          yield new EvaluationOutcome.Scored(id, a, s.getFitness(), s.getMetricsMap(), s.getCostSeconds());
        } catch (IllegalArgumentException e) {
          throw new WireFormatException("outcome.scored: " + e.getMessage(), e);
        }
      }
      case FAILED -> new EvaluationOutcome.Failed(
          id, a, fromProto(p.getFailed().getKind()), p.getFailed().getReason());
      default -> throw new WireFormatException("outcome of " + id + ": neither scored nor failed");
    };
  }
}
