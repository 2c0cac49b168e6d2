package io.mtnas.protocol;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one evaluator worker is doing.
 *
 * @param node its cluster node's address
 * @param device where it evaluates: {@code cpu} or {@code cuda:N}
 * @param search the search of the job in hand, empty when idle
 */
public record WorkerStatus(String workerId, String node, String device, boolean busy, Optional<String> search,
    long jobsDone) implements WireMessage {
  public WorkerStatus {
    Objects.requireNonNull(workerId, "workerId");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(search, "search");
  }

  /** The devices a list of workers evaluates on, each once, in order. */
  public static List<String> devices(List<WorkerStatus> workers) {
    return workers.stream().map(WorkerStatus::device).distinct().toList();
  }
}
