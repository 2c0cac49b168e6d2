package io.mtnas.adapter.evaluator;

import com.typesafe.config.Config;
import io.mtnas.domain.search.SearchSpec;
import io.mtnas.domain.search.TaskSpec;
import io.mtnas.domain.search.TrainerSpec;
import io.mtnas.wire.proto.v1.DatasetSpecProto;
import io.mtnas.wire.proto.v1.MacroSettingsProto;
import io.mtnas.wire.proto.v1.TrainSettingsProto;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the process evaluator of a spec's training tasks from configuration {@code mtnas.trainer}
 * (interpreter, Python path, devices, slots per device, time-outs) and each task's trainer block.
 */
public final class TrainerTasksConfig {
  private TrainerTasksConfig() {}

  public static boolean trains(SearchSpec spec) {
    return spec.trains();
  }

  public static ProcessEvaluator evaluator(Config config, SearchSpec spec, Path workingDirectory) {
    Config c = config.getConfig("mtnas.trainer");
    Path pythonPath = workingDirectory.resolve(c.getString("python-path")).normalize();
    ProcessEvaluator.Settings settings = new ProcessEvaluator.Settings(
        List.of(c.getString("python"), "-m", "mtnas_trainer.worker"),
        Map.of("PYTHONPATH", pythonPath.toString()),
        c.getStringList("devices"),
        c.getInt("slots-per-device"),
        c.getDuration("start-timeout"),
        c.getDuration("job-timeout"));
    Map<String, TrainerTask> tasks = new LinkedHashMap<>();
    for (TaskSpec t : spec.tasks()) {
      t.trainer().ifPresent(tr -> tasks.put(t.name(), task(t, tr)));
    }
    return new ProcessEvaluator(settings, tasks);
  }

  static TrainerTask task(TaskSpec task, TrainerSpec t) {
    List<String> proxies = task.evaluationTask().extraMetrics().stream().filter(TrainerSpec.PROXIES::contains)
        .toList();
    if (TrainerSpec.PROXIES.contains(task.fitness()) && !proxies.contains(task.fitness())) {
      proxies = new java.util.ArrayList<>(proxies);
      proxies.add(task.fitness());
    }
    return new TrainerTask(
        DatasetSpecProto.newBuilder().setKind(t.datasetKind()).setPath(t.datasetPath()).setNumClasses(t.numClasses())
            .setSyntheticImages(t.syntheticImages()).setSyntheticSize(t.syntheticSize())
            .setSyntheticSeed(t.syntheticSeed()).build(),
        MacroSettingsProto.newBuilder().setChannels(t.channels()).setCellsPerStage(t.cellsPerStage()).build(),
        TrainSettingsProto.newBuilder().setEpochs(t.epochs()).setBatchSize(t.batchSize())
            .setLearningRate(t.learningRate()).setSeed(t.seed()).setDevice(t.device()).build(),
        proxies,
        t.trainNetwork());
  }
}
