package io.mtnas.wire;

import io.mtnas.domain.search.EvaluationRecord;
import io.mtnas.domain.search.TaskResult;
import io.mtnas.domain.search.TransferStats;
import io.mtnas.domain.transfer.Label;
import io.mtnas.domain.service.CatalogEvent;
import io.mtnas.domain.work.StoredBudget;
import io.mtnas.domain.work.StoredDeliveries;
import io.mtnas.domain.work.StoredJoin;
import io.mtnas.domain.work.StoredNotice;
import io.mtnas.domain.work.StoredDelivery;
import io.mtnas.wire.proto.v1.CatalogEventProto;
import io.mtnas.wire.proto.v1.EvaluationRecordProto;
import io.mtnas.wire.proto.v1.SearchFailedProto;
import io.mtnas.wire.proto.v1.SearchFinishedProto;
import io.mtnas.wire.proto.v1.SearchIdProto;
import io.mtnas.wire.proto.v1.SearchSubmittedProto;
import io.mtnas.wire.proto.v1.SearchBudgetsProto;
import io.mtnas.wire.proto.v1.StoredBudgetProto;
import io.mtnas.wire.proto.v1.StoredDeliveriesProto;
import io.mtnas.wire.proto.v1.StoredJoinProto;
import io.mtnas.wire.proto.v1.StoredNoticeProto;
import io.mtnas.wire.proto.v1.SearchTaskJoinedProto;
import io.mtnas.wire.proto.v1.StoredDeliveryProto;
import io.mtnas.wire.proto.v1.TaskResultProto;
import io.mtnas.wire.proto.v1.TransferLabelProto;
import io.mtnas.wire.proto.v1.TransferStatsProto;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Persisted events and snapshots to their Protobuf schemas ({@code proto/mtnas/v1/persisted.proto})
 * and back.
 */
public final class PersistedCodec {
  private PersistedCodec() {}

  public static StoredDeliveryProto toProto(StoredDelivery d) {
    return StoredDeliveryProto.newBuilder()
        .setSequence(d.sequence())
        .setSubmitter(d.submitter())
        .setOutcome(WireCodec.toProto(d.outcome()))
        .setWorkerId(d.workerId())
        .setWallMicros(d.wallMicros())
        .build();
  }

  public static StoredDelivery fromProto(StoredDeliveryProto p) {
    if (!p.hasOutcome()) {
      throw new WireFormatException("stored delivery " + p.getSequence() + ": no outcome");
    }
    return new StoredDelivery(p.getSequence(), p.getSubmitter(), WireCodec.fromProto(p.getOutcome()),
        p.getWorkerId(), p.getWallMicros());
  }

  public static StoredBudgetProto toProto(StoredBudget b) {
    return StoredBudgetProto.newBuilder()
        .setAfterDelivery(b.afterDelivery()).setTask(b.task()).setBudget(b.budget()).build();
  }

  public static StoredBudget fromProto(StoredBudgetProto p) {
    try {
      return new StoredBudget(p.getAfterDelivery(), p.getTask(), p.getBudget());
    } catch (IllegalArgumentException e) {
      throw new WireFormatException("stored budget change: " + e.getMessage(), e);
    }
  }

  public static StoredJoinProto toProto(StoredJoin j) {
    return StoredJoinProto.newBuilder().setAfterDelivery(j.afterDelivery()).setTask(j.task()).build();
  }

  public static StoredJoin fromProto(StoredJoinProto p) {
    try {
      return new StoredJoin(p.getAfterDelivery(), p.getTask());
    } catch (IllegalArgumentException e) {
      throw new WireFormatException("stored join: " + e.getMessage(), e);
    }
  }

  private static StoredNoticeProto notice(StoredNotice n) {
    return n instanceof StoredJoin j ? StoredNoticeProto.newBuilder().setJoin(toProto(j)).build()
        : StoredNoticeProto.newBuilder().setBudget(toProto((StoredBudget) n)).build();
  }

  private static StoredNotice notice(StoredNoticeProto p) {
    return switch (p.getNoticeCase()) {
      case BUDGET -> fromProto(p.getBudget());
      case JOIN -> fromProto(p.getJoin());
      case NOTICE_NOT_SET -> throw new WireFormatException("stored notice: none of its kinds is set");
    };
  }

  public static StoredDeliveriesProto toProto(StoredDeliveries s) {
    StoredDeliveriesProto.Builder b = StoredDeliveriesProto.newBuilder();
    s.deliveries().forEach(d -> b.addDeliveries(toProto(d)));
    s.notices().forEach(x -> b.addNotices(notice(x)));
    return b.build();
  }

  public static StoredDeliveries fromProto(StoredDeliveriesProto p) {
    return new StoredDeliveries(p.getDeliveriesList().stream().map(PersistedCodec::fromProto).toList(),
        p.getNoticesCount() > 0 ? p.getNoticesList().stream().map(PersistedCodec::notice).toList()
            : p.getBudgetsList().stream().<StoredNotice>map(PersistedCodec::fromProto).toList());
  }

  public static CatalogEventProto toProto(CatalogEvent event) {
    CatalogEventProto.Builder b = CatalogEventProto.newBuilder();
    if (event instanceof CatalogEvent.Submitted s) {
      SearchSubmittedProto.Builder p = SearchSubmittedProto.newBuilder().setId(s.id()).setSpecJson(s.specJson());
      s.idempotencyKey().ifPresent(p::setIdempotencyKey);
      b.setSubmitted(p);
    } else if (event instanceof CatalogEvent.Started s) {
      b.setStarted(id(s.id()));
    } else if (event instanceof CatalogEvent.Finished f) {
      b.setFinished(finished(f));
    } else if (event instanceof CatalogEvent.Failed f) {
      b.setFailed(SearchFailedProto.newBuilder().setId(f.id()).setReason(f.reason()));
    } else if (event instanceof CatalogEvent.Cancelled c) {
      b.setCancelled(id(c.id()));
    } else if (event instanceof CatalogEvent.Deleted d) {
      b.setDeleted(id(d.id()));
    } else if (event instanceof CatalogEvent.BudgetsChanged c) {
      b.setBudgetsChanged(SearchBudgetsProto.newBuilder().setId(c.id()).putAllBudgets(c.budgets()));
    } else if (event instanceof CatalogEvent.Paused x) {
      b.setPaused(id(x.id()));
    } else if (event instanceof CatalogEvent.Resumed x) {
      b.setResumed(id(x.id()));
    } else if (event instanceof CatalogEvent.TaskJoined j) {
      b.setTaskJoined(SearchTaskJoinedProto.newBuilder().setId(j.id()).setTask(j.task()).setSpecJson(j.specJson()));
    } else {
      throw new IllegalArgumentException("no persisted form for " + event);
    }
    return b.build();
  }

  public static CatalogEvent fromProto(CatalogEventProto p) {
    return switch (p.getEventCase()) {
      case SUBMITTED -> new CatalogEvent.Submitted(p.getSubmitted().getId(), p.getSubmitted().getSpecJson(),
          p.getSubmitted().hasIdempotencyKey() ? Optional.of(p.getSubmitted().getIdempotencyKey()) : Optional.empty());
      case STARTED -> new CatalogEvent.Started(p.getStarted().getId());
      case FINISHED -> finished(p.getFinished());
      case FAILED -> new CatalogEvent.Failed(p.getFailed().getId(), p.getFailed().getReason());
      case CANCELLED -> new CatalogEvent.Cancelled(p.getCancelled().getId());
      case DELETED -> new CatalogEvent.Deleted(p.getDeleted().getId());
      case BUDGETS_CHANGED -> new CatalogEvent.BudgetsChanged(p.getBudgetsChanged().getId(),
          p.getBudgetsChanged().getBudgetsMap());
      case PAUSED -> new CatalogEvent.Paused(p.getPaused().getId());
      case RESUMED -> new CatalogEvent.Resumed(p.getResumed().getId());
      case TASK_JOINED -> new CatalogEvent.TaskJoined(p.getTaskJoined().getId(), p.getTaskJoined().getTask(),
          p.getTaskJoined().getSpecJson());
      case EVENT_NOT_SET -> throw new WireFormatException("catalog event: none of its kinds is set");
    };
  }

  private static SearchIdProto id(String id) {
    return SearchIdProto.newBuilder().setId(id).build();
  }

  private static SearchFinishedProto finished(CatalogEvent.Finished f) {
    SearchFinishedProto.Builder b = SearchFinishedProto.newBuilder().setId(f.id()).setWallMillis(f.wallMillis());
    for (TaskResult t : f.tasks()) {
      TaskResultProto.Builder tb = TaskResultProto.newBuilder()
          .setTask(t.task())
          .setBestFitness(t.bestFitness())
          .putAllBestMetrics(t.bestMetrics())
          .setBestFoundAt(t.bestFoundAt())
          .setEvaluations(t.evaluations())
          .setFailures(t.failures())
          .setCostSeconds(t.costSeconds());
      t.best().ifPresent(a -> tb.setBest(WireCodec.toProto(a)));
      t.evaluationsToThreshold().ifPresent(tb::setEvaluationsToThreshold);
      b.addTasks(tb);
    }
    for (TransferStats s : f.transfers()) {
      b.addTransfers(TransferStatsProto.newBuilder().setSource(s.source()).setTarget(s.target())
          .setTransferred(s.transferred()).setPositive(s.positive()).setNegative(s.negative()));
    }
    for (EvaluationRecord e : f.records()) {
      b.addRecords(EvaluationRecordProto.newBuilder()
          .setTask(e.task())
          .setEvaluation(e.evaluation())
          .setJob(WireCodec.toProto(e.job()))
          .setArchitecture(WireCodec.toProto(e.architecture()))
          .setOrigin(e.origin())
          .setFitness(e.fitness())
          .setBestSoFar(e.bestSoFar())
          .putAllMetrics(e.metrics())
          .setCostSeconds(e.costSeconds()));
    }
    for (Label l : f.labels()) {
      b.addLabels(TransferLabelProto.newBuilder().setArchitecture(WireCodec.toProto(l.architecture()))
          .setSource(l.source()).setTarget(l.target()).setPositive(l.positive()).setRound(l.round()));
    }
    return b.build();
  }

  private static CatalogEvent.Finished finished(SearchFinishedProto p) {
    List<TaskResult> tasks = p.getTasksList().stream().map(t -> new TaskResult(
        t.getTask(),
        t.hasBest() ? Optional.of(WireCodec.fromProto(t.getBest())) : Optional.empty(),
        t.getBestFitness(),
        t.getBestMetricsMap(),
        t.getBestFoundAt(),
        t.getEvaluations(),
        t.getFailures(),
        t.hasEvaluationsToThreshold() ? OptionalInt.of(t.getEvaluationsToThreshold()) : OptionalInt.empty(),
        t.getCostSeconds())).toList();
    List<TransferStats> transfers = p.getTransfersList().stream().map(s -> new TransferStats(
        s.getSource(), s.getTarget(), s.getTransferred(), s.getPositive(), s.getNegative())).toList();
    List<EvaluationRecord> records = p.getRecordsList().stream().map(e -> new EvaluationRecord(
        e.getTask(),
        e.getEvaluation(),
        WireCodec.fromProto(e.getJob()),
        WireCodec.fromProto(e.getArchitecture()),
        e.getOrigin(),
        e.getFitness(),
        e.getBestSoFar(),
        e.getMetricsMap(),
        e.getCostSeconds())).toList();
    List<Label> labels = p.getLabelsList().stream().map(l -> new Label(
        WireCodec.fromProto(l.getArchitecture()), l.getSource(), l.getTarget(), l.getPositive(), l.getRound()))
        .toList();
    return new CatalogEvent.Finished(p.getId(), tasks, p.getWallMillis(), transfers, records, labels);
  }
}
