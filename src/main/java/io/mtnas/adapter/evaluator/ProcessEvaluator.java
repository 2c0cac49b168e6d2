package io.mtnas.adapter.evaluator;

import io.mtnas.domain.evaluation.EvaluationJob;
import io.mtnas.domain.evaluation.EvaluationOutcome;
import io.mtnas.domain.evaluation.EvaluationOutcome.FailureKind;
import io.mtnas.domain.evaluation.Evaluator;
import io.mtnas.wire.proto.v1.TrainRequestProto;
import io.mtnas.wire.proto.v1.TrainResultProto;
import io.mtnas.wire.proto.v1.TrainScoredProto;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores architectures by training them in PyTorch trainer processes: one long-lived process per
 * slot (GPU devices times slots per device; several may share a GPU), started on first use. A job
 * waits for a free slot, goes to its process as a JSON request and comes back as a result. A crash,
 * a hang past the job deadline, an out-of-memory or a NaN loss becomes a failed outcome with its
 * reason; a crashed or hung process is killed and restarted for the next job. Whether a failed job
 * is tried again is the work manager's retry policy (crashes, time-outs and out-of-memory are
 * retryable, divergence and invalid requests are not).
 */
public final class ProcessEvaluator implements Evaluator {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessEvaluator.class);

  /**
   * @param command the trainer's command line, e.g. {@code /usr/bin/python3 -m mtnas_trainer.worker}
   * @param environment added to the process environment (PYTHONPATH...)
   * @param devices one entry per device ({@code cpu}, {@code cuda:0}...)
   * @param slotsPerDevice trainer processes per device
   */
  public record Settings(
      List<String> command, Map<String, String> environment, List<String> devices, int slotsPerDevice,
      Duration startTimeout, Duration jobTimeout) {
    public Settings {
      command = List.copyOf(command);
      environment = Map.copyOf(environment);
      devices = List.copyOf(devices);
      if (command.isEmpty() || devices.isEmpty() || slotsPerDevice < 1) {
        throw new IllegalArgumentException("a trainer needs a command, at least one device and one slot per device");
      }
    }
  }

  /** One trainer process bound to a device; restarted when it died or hung. */
  private final class Slot {
    final String device;
    TrainerProcess process;

    Slot(String device) {
      this.device = device;
    }

    TrainerProcess process() throws TrainerProcess.TrainerException {
      if (process == null || !process.alive()) {
        process = TrainerProcess.start(settings.command(), settings.environment(), settings.startTimeout());
        LOG.info("trainer process started on {}: {}", device, process.hello());
      }
      return process;
    }

    void kill() {
      if (process != null) {
        process.close();
        process = null;
      }
    }
  }

  private final Settings settings;
  private final Map<String, TrainerTask> tasks;
  private final BlockingQueue<Slot> free;
  private final List<Slot> all = new ArrayList<>();

  /** @param tasks how each task (by name) is trained */
  public ProcessEvaluator(Settings settings, Map<String, TrainerTask> tasks) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.tasks = new LinkedHashMap<>(tasks);
    this.free = new ArrayBlockingQueue<>(settings.devices().size() * settings.slotsPerDevice());
    for (String device : settings.devices()) {
      for (int i = 0; i < settings.slotsPerDevice(); i++) {
        Slot s = new Slot(device);
        all.add(s);
        free.add(s);
      }
    }
  }

  @Override
  public EvaluationOutcome evaluate(EvaluationJob job) {
    TrainerTask task = tasks.get(job.task().name());
    if (task == null) {
      return failed(job, FailureKind.INVALID, "no trainer configuration for task " + job.task().name());
    }
    Slot slot;
    try {
      slot = free.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(job, FailureKind.CRASHED, "interrupted while waiting for a trainer slot");
    }
    try {
      TrainResultProto result = slot.process().run(request(job, task, slot.device), settings.jobTimeout());
      return outcome(job, result);
    } catch (TrainerProcess.TrainerException e) {
      slot.kill();
      return failed(job, e.timedOut ? FailureKind.TIMED_OUT : FailureKind.CRASHED, e.getMessage());
    } finally {
      free.add(slot);
    }
  }

  private static TrainRequestProto request(EvaluationJob job, TrainerTask task, String device) {
    var train = task.train().getDevice().isEmpty() ? task.train().toBuilder().setDevice(device).build() : task.train();
    return TrainRequestProto.newBuilder()
        .setJobId(job.id().toString())
        .setSpace(job.architecture().space().id())
        .setArchitecture(job.architecture().toString())
        .setDataset(task.dataset())
        .setMacro(task.macro())
        .setTrain(train)
        .addAllProxies(task.proxies())
        .setTrainNetwork(task.trainNetwork())
        .build();
  }

  private static EvaluationOutcome outcome(EvaluationJob job, TrainResultProto result) {
    if (result.hasFailure()) {
      FailureKind kind = switch (result.getFailure().getKind()) {
        case "invalid" -> FailureKind.INVALID;
        case "diverged" -> FailureKind.DIVERGED;
        case "out_of_memory" -> FailureKind.OUT_OF_MEMORY;
        default -> FailureKind.CRASHED;
      };
      return failed(job, kind, "trainer: " + result.getFailure().getReason());
    }
    TrainScoredProto s = result.getScored();
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("val_accuracy", s.getValAccuracy());
    metrics.put("val_loss", s.getValLoss());
    metrics.put("train_seconds", s.getTrainSeconds());
    metrics.put("params", (double) s.getParams());
    metrics.put("flops", s.getFlops());
    metrics.put("latency_ms", s.getLatencyMs());
    metrics.putAll(s.getProxiesMap());
    Double fitness = metrics.get(job.task().fitnessMetric());
    if (fitness == null || !Double.isFinite(fitness)) {
      return failed(job, FailureKind.INVALID, "the trainer reports no finite " + job.task().fitnessMetric()
          + "; it reports " + metrics.keySet());
    }
    Map<String, Double> extra = new LinkedHashMap<>();
    for (String m : job.task().extraMetrics()) {
      Double v = metrics.get(m);
      if (v != null && Double.isFinite(v)) {
        extra.put(m, v);
      }
    }
    return new EvaluationOutcome.Scored(job.id(), job.architecture(), fitness, extra, s.getTrainSeconds());
  }

  private static EvaluationOutcome failed(EvaluationJob job, FailureKind kind, String reason) {
    return new EvaluationOutcome.Failed(job.id(), job.architecture(), kind, reason);
  }

  /** Training blocks for seconds to hours: workers run it on the blocking pool. */
  @Override
  public boolean nonBlocking() {
    return false;
  }

  @Override
  public void close() {
    all.forEach(Slot::kill);
  }
}
