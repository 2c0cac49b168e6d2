package io.mtnas.actor;

import io.mtnas.domain.evaluation.EvaluationOutcome;
import io.mtnas.domain.search.SearchReport;
import io.mtnas.domain.search.SearchSpec;
import io.mtnas.domain.search.TaskResult;
import io.mtnas.domain.search.TaskSpec;
import io.mtnas.domain.space.Architecture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The progress events of docs/events.md, one structured log line each on logger
 * {@code mtnas.progress}. Every line carries {@code event} and {@code search}; task-level lines
 * carry {@code task}, and architecture-level lines {@code arch} and {@code work}, so {@code jq} can
 * follow one search, task or architecture. Field names are a public contract: change them only
 * together with docs/events.md.
 */
public final class ProgressEvents {
  private static final Logger LOG = LoggerFactory.getLogger("mtnas.progress");

  private final String searchId;

  public ProgressEvents(String searchId) {
    this.searchId = searchId;
  }

  private LoggingEventBuilder event(String name) {
    return LOG.atInfo().setMessage(name).addKeyValue("event", name).addKeyValue("search", searchId);
  }

  public void searchStarted(SearchSpec spec) {
    event("search_started")
        .addKeyValue("name", spec.name())
        .addKeyValue("space", spec.space())
        .addKeyValue("seed", spec.seed())
        .addKeyValue("workers", spec.workers())
        .addKeyValue("strategy", spec.strategy().kind().id())
        .addKeyValue("tasks", spec.tasks().stream().map(TaskSpec::name).toList())
        .log();
  }

  public void evaluated(
      String task,
      EvaluationOutcome.Scored outcome,
      int evaluation,
      double bestSoFar,
      String origin,
      String worker,
      long wallMicros,
      long elapsedMillis) {
    event("evaluation")
        .addKeyValue("task", task)
        .addKeyValue("arch", outcome.architecture().toString())
        .addKeyValue("work", outcome.jobId().toString())
        .addKeyValue("evaluation", evaluation)
        .addKeyValue("fitness", outcome.fitness())
        .addKeyValue("best", bestSoFar)
        .addKeyValue("origin", origin)
        .addKeyValue("cost_s", outcome.costSeconds())
        .addKeyValue("worker", worker)
        .addKeyValue("wall_ms", wallMicros / 1000.0)
        .addKeyValue("elapsed_ms", elapsedMillis)
        .log();
  }

  public void newBest(String task, Architecture arch, double fitness, int evaluation) {
    event("new_best")
        .addKeyValue("task", task)
        .addKeyValue("arch", arch.toString())
        .addKeyValue("fitness", fitness)
        .addKeyValue("evaluation", evaluation)
        .log();
  }

  public void taskSolved(String task, Architecture arch, double fitness, double threshold, int evaluation) {
    event("task_solved")
        .addKeyValue("task", task)
        .addKeyValue("arch", arch.toString())
        .addKeyValue("fitness", fitness)
        .addKeyValue("threshold", threshold)
        .addKeyValue("evaluation", evaluation)
        .log();
  }

  public void evaluationFailed(String task, EvaluationOutcome.Failed failed, int attempt, boolean willRetry) {
    event("evaluation_failed")
        .addKeyValue("task", task)
        .addKeyValue("arch", failed.architecture().toString())
        .addKeyValue("work", failed.jobId().toString())
        .addKeyValue("kind", failed.kind().name().toLowerCase(java.util.Locale.ROOT))
        .addKeyValue("reason", failed.reason())
        .addKeyValue("attempt", attempt)
        .addKeyValue("will_retry", willRetry)
        .log();
  }

  public void taskFinished(TaskResult result) {
    LoggingEventBuilder e =
        event("task_finished")
            .addKeyValue("task", result.task())
            .addKeyValue("evaluations", result.evaluations())
            .addKeyValue("failures", result.failures())
            .addKeyValue("solved", result.solved());
    result.best().ifPresent(a -> e.addKeyValue("arch", a.toString()));
    if (!Double.isNaN(result.bestFitness())) {
      e.addKeyValue("fitness", result.bestFitness());
    }
    result.evaluationsToThreshold().ifPresent(n -> e.addKeyValue("evaluations_to_threshold", n));
    e.log();
  }

  public void workerJoined(String worker) {
    event("worker_joined").addKeyValue("worker", worker).log();
  }

  public void workerLeft(String worker, int requeuedJobs) {
    event("worker_left").addKeyValue("worker", worker).addKeyValue("requeued", requeuedJobs).log();
  }

  public void searchFinished(SearchReport report) {
    LoggingEventBuilder e =
        event("search_finished")
            .addKeyValue("evaluations", report.totalEvaluations())
            .addKeyValue("all_solved", report.allSolved())
            .addKeyValue("wall_ms", report.wallMillis());
    report.totalEvaluationsToThreshold().ifPresent(n -> e.addKeyValue("evaluations_to_threshold", n));
    e.log();
  }

  /** One candidate the transfer arbiter weighed for a target, taken or not. */
  public void transferDecided(
      String target, String source, Architecture arch, double score, boolean accepted, String rule, int round) {
    event("transfer_decided")
        .addKeyValue("task", target)
        .addKeyValue("source", source)
        .addKeyValue("arch", arch.toString())
        .addKeyValue("score", score)
        .addKeyValue("accepted", accepted)
        .addKeyValue("rule", rule)
        .addKeyValue("round", round)
        .log();
  }

  /** A round in which the arbiter transferred nothing to the target. */
  public void transferSkipped(String target, String rule, int round) {
    event("transfer_skipped").addKeyValue("task", target).addKeyValue("rule", rule).addKeyValue("round", round).log();
  }

  /** A transferred architecture's label, decided by its children's ranks on the target. */
  public void transferLabelled(String target, String source, Architecture arch, boolean positive, int round) {
    event("transfer_labelled")
        .addKeyValue("task", target)
        .addKeyValue("source", source)
        .addKeyValue("arch", arch.toString())
        .addKeyValue("label", positive ? "positive" : "negative")
        .addKeyValue("round", round)
        .log();
  }
}
