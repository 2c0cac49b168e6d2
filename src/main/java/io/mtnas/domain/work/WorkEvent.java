package io.mtnas.domain.work;

import io.mtnas.domain.evaluation.EvaluationJob;
import io.mtnas.domain.evaluation.EvaluationOutcome;
import io.mtnas.domain.evaluation.JobId;
import java.util.List;
import java.util.Objects;

/** The only ways a {@link WorkLedger} changes; replaying them rebuilds it. */
public sealed interface WorkEvent {

  /** A submitter joins; it owes its first batch, so nothing is dispatched before it arrives. */
  record Registered(String submitter) implements WorkEvent {
    public Registered {
      Objects.requireNonNull(submitter, "submitter");
    }
  }

  /**
   * A submitter's batch of jobs (possibly empty: "nothing more for now"), which also settles one
   * reply it owed. Jobs whose id was ever accepted are ignored.
   */
  record Submitted(String submitter, List<EvaluationJob> jobs) implements WorkEvent {
    public Submitted {
      Objects.requireNonNull(submitter, "submitter");
      jobs = List.copyOf(jobs);
    }
  }

  /**
   * A submitter was told something it answers with a batch (its budget changed), so it owes one
   * more reply and dispatch waits for it, as after a delivery.
   */
  record Notified(String submitter) implements WorkEvent {
    public Notified {
      Objects.requireNonNull(submitter, "submitter");
    }
  }

  /** A pending job was handed to a worker, which must answer before {@code deadlineMillis}. */
  record Started(JobId job, String worker, long deadlineMillis) implements WorkEvent {
    public Started {
      Objects.requireNonNull(job, "job");
      Objects.requireNonNull(worker, "worker");
    }
  }

  /** A worker reported a score. */
  record Completed(String worker, EvaluationOutcome.Scored outcome) implements WorkEvent {
    public Completed {
      Objects.requireNonNull(worker, "worker");
      Objects.requireNonNull(outcome, "outcome");
    }
  }

  /** A worker reported a failure. */
  record Failed(String worker, EvaluationOutcome.Failed failure) implements WorkEvent {
    public Failed {
      Objects.requireNonNull(worker, "worker");
      Objects.requireNonNull(failure, "failure");
    }
  }

  /** A job's deadline passed without an answer from the worker holding it. */
  record TimedOut(JobId job, String worker) implements WorkEvent {
    public TimedOut {
      Objects.requireNonNull(job, "job");
      Objects.requireNonNull(worker, "worker");
    }
  }

  /** A worker left (node down, process died); the jobs it held will not be answered. */
  record WorkerLost(String worker) implements WorkEvent {
    public WorkerLost {
      Objects.requireNonNull(worker, "worker");
    }
  }
}
