package io.mtnas.domain.search;

import java.util.Objects;
import java.util.Set;

/**
 * How a task trains its architectures in a PyTorch trainer process instead of looking them up in
 * a table (proto/mtnas/v1/trainer.proto carries it to the process). Zero values take the trainer's
 * defaults: NAS-Bench-201's skeleton (16 channels, 5 cells a stage) and recipe (batch 256,
 * learning rate 0.1), one epoch, seed 0, device cpu.
 *
 * @param datasetKind cifar10, cifar100, mnist, fashion_mnist, medmnist, npz or synthetic
 * @param datasetPath directory or .npz file (not for synthetic)
 * @param trainNetwork false: zero-cost proxies and cost figures only
 */
public record TrainerSpec(
    String datasetKind,
    String datasetPath,
    int numClasses,
    int syntheticImages,
    int syntheticSize,
    int syntheticSeed,
    int channels,
    int cellsPerStage,
    int epochs,
    int batchSize,
    double learningRate,
    int seed,
    String device,
    boolean trainNetwork) {

  public static final String BENCHMARK = "trainer";
  public static final Set<String> DATASETS =
      Set.of("cifar10", "cifar100", "mnist", "fashion_mnist", "medmnist", "npz", "synthetic");
  /** What a trainer reports for every evaluation, usable as fitness, test or proxy metric. */
  public static final Set<String> METRICS = Set.of("val_accuracy", "val_loss", "train_seconds", "params", "flops",
      "latency_ms", "synflow", "naswot", "grad_norm");
  /** The zero-cost proxies a trainer computes when a task lists them. */
  public static final Set<String> PROXIES = Set.of("synflow", "naswot", "grad_norm");

  public TrainerSpec {
    Objects.requireNonNull(datasetKind, "datasetKind");
    Objects.requireNonNull(datasetPath, "datasetPath");
    Objects.requireNonNull(device, "device");
    if (!DATASETS.contains(datasetKind)) {
      throw new IllegalArgumentException("unknown dataset kind \"" + datasetKind + "\"; known: " + DATASETS);
    }
  }
}
