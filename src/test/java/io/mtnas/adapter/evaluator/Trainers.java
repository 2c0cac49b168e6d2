package io.mtnas.adapter.evaluator;

import io.mtnas.domain.evaluation.Direction;
import io.mtnas.domain.evaluation.EvaluationJob;
import io.mtnas.domain.evaluation.EvaluationTask;
import io.mtnas.domain.evaluation.JobId;
import io.mtnas.domain.space.Architecture;
import io.mtnas.wire.proto.v1.DatasetSpecProto;
import io.mtnas.wire.proto.v1.MacroSettingsProto;
import io.mtnas.wire.proto.v1.TrainSettingsProto;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Real trainer processes on Debian's PyTorch for tests: tiny networks on a synthetic data set. */
final class Trainers {
  private Trainers() {}

  static ProcessEvaluator.Settings settings(Map<String, String> extraEnvironment, int slots, Duration jobTimeout) {
    Path python = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "src", "main", "python");
    Map<String, String> env = new java.util.HashMap<>(extraEnvironment);
    env.put("PYTHONPATH", python.toString());
    return new ProcessEvaluator.Settings(
        List.of("/usr/bin/python3", "-m", "mtnas_trainer.worker"), env, List.of("cpu"), slots,
        Duration.ofSeconds(60), jobTimeout);
  }

  /** 256 synthetic 16x16 images of 4 classes, an 8-channel network with one cell per stage, 1 epoch. */
  static TrainerTask tinyTask(int dataSeed) {
    return new TrainerTask(
        DatasetSpecProto.newBuilder().setKind("synthetic").setNumClasses(4).setSyntheticImages(256)
            .setSyntheticSize(16).setSyntheticSeed(dataSeed).build(),
        MacroSettingsProto.newBuilder().setChannels(8).setCellsPerStage(1).build(),
        TrainSettingsProto.newBuilder().setEpochs(1).setBatchSize(64).setSeed(0).build(),
        List.of("synflow"),
        true);
  }

  static EvaluationTask evaluationTask(String name) {
    return new EvaluationTask(name, "trainer", "val_accuracy", Direction.MAX,
        List.of("synflow", "params", "val_loss"), Optional.of("train_seconds"));
  }

  static EvaluationJob job(String task, long sequence, Architecture architecture) {
    return new EvaluationJob(new JobId(task, sequence), evaluationTask(task), architecture, 1);
  }
}
