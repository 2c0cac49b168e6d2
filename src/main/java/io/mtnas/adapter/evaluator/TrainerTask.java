package io.mtnas.adapter.evaluator;

import io.mtnas.wire.proto.v1.DatasetSpecProto;
import io.mtnas.wire.proto.v1.MacroSettingsProto;
import io.mtnas.wire.proto.v1.TrainSettingsProto;
import java.util.List;
import java.util.Objects;

/**
 * How a trainer process scores one task's architectures: the data, the network skeleton, the
 * training recipe and the zero-cost proxies to report. A job's fitness metric picks one of the
 * result's figures ({@code val_accuracy}, {@code val_loss}, or a proxy name for proxy-only tasks).
 */
public record TrainerTask(
    DatasetSpecProto dataset, MacroSettingsProto macro, TrainSettingsProto train, List<String> proxies,
    boolean trainNetwork) {
  public TrainerTask {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(macro, "macro");
    Objects.requireNonNull(train, "train");
    proxies = List.copyOf(proxies);
  }
}
