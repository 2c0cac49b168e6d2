package io.mtnas.domain.work;

import static io.mtnas.domain.work.Jobs.job;
import static io.mtnas.domain.work.Jobs.scored;

import io.mtnas.domain.evaluation.EvaluationJob;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Rough ledger throughput for a benchmark-sized search: 3 tasks x 8,000 jobs through one worker,
 * each job Started, Completed and answered by a one-job batch. Off by default: {@code mvn -B -o
 * test -Dtest=WorkLedgerThroughputBenchmark -Dmtnas.bench=true}.
 */
@EnabledIfSystemProperty(named = "mtnas.bench", matches = "true")
class WorkLedgerThroughputBenchmark {
  private static final List<String> TASKS = List.of("a", "b", "c");
  private static final int JOBS_PER_TASK = 8_000;

  @Test
  void jobsPerSecond() {
    for (int round = 0; round < 5; round++) {
      long started = System.nanoTime();
      WorkLedger ledger = WorkLedger.of(RetryPolicy.attempts(3), TASKS);
      for (String task : TASKS) {
        ledger = ledger.updated(new WorkEvent.Submitted(task, List.of(job(task, 0))));
      }
      int jobs = 0;
      while (ledger.nextJob().isPresent()) {
        EvaluationJob next = ledger.nextJob().get();
        ledger = ledger.updated(new WorkEvent.Started(next.id(), "w1", 0));
        ledger = ledger.updated(new WorkEvent.Completed("w1", scored(next)));
        long following = next.id().sequence() + 1;
        String task = next.id().task();
        ledger = ledger.updated(new WorkEvent.Submitted(
            task, following < JOBS_PER_TASK ? List.of(job(task, following)) : List.of()));
        jobs++;
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf("round %d: %d jobs, %.0f jobs/s%n", round, jobs, jobs / seconds);
    }
  }
}
