package io.mtnas.adapter.cli;

import io.mtnas.adapter.report.EvaluationsCsv;
import io.mtnas.domain.search.EvaluationRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A CSV journal of the evaluations integrated so far, so killing the process loses at most the
 * last flush interval's evaluations and never leaves a half-written row. The sorted {@code
 * evaluations.csv} replaces it when the search ends.
 *
 * <p>{@link #accept} only queues the record (the coordinator calls it on its actor thread, which
 * must not wait for a disk); a thread of the journal's own renders the rows and hands them to the
 * operating system every {@code flushInterval}, whole rows only, each batch in one write. The queue
 * is unbounded on purpose: unlike a progress-event subscriber the journal may not drop anything, and
 * a row costs far less to write than an evaluation to integrate. {@link #close()} writes everything
 * queued before it returns, so what the report counts is in the journal.
 */
final class EvaluationJournal implements Consumer<EvaluationRecord>, AutoCloseable {
  static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(200);

  /** Rows gathered beyond this many characters are written before the interval is up. */
  private static final int MAX_BATCH_CHARS = 1 << 20;

  private static final Object END = new Object();

  private final Path file;
  private final List<String> metricNames;
  private final long flushNanos;
  private final OutputStream out;
  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final AtomicLong accepted = new AtomicLong();
  private final Thread writer;
  private volatile long written;
  private volatile long writes;
  private volatile IOException failure;
  private volatile boolean closed;
  private boolean finished;

  EvaluationJournal(Path file, List<String> metricNames) {
    this(file, metricNames, DEFAULT_FLUSH_INTERVAL);
  }

  EvaluationJournal(Path file, List<String> metricNames, Duration flushInterval) {
    if (flushInterval.isNegative() || flushInterval.isZero()) {
      throw new IllegalArgumentException("the journal's flush interval must be positive, got " + flushInterval);
    }
    this.file = file;
    this.metricNames = List.copyOf(metricNames);
    this.flushNanos = flushInterval.toNanos();
    try {
      // unbuffered: each write below is one call with whole rows
      this.out = Files.newOutputStream(file);
      out.write(EvaluationsCsv.header(metricNames).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write journal " + file + ": " + e.getMessage(), e);
    }
    this.writer = new Thread(this::run, "mtnas-journal");
    writer.setDaemon(true);
    writer.start();
  }

  /** Queues the evaluation for the writer thread; never waits. */
  @Override
  public void accept(EvaluationRecord r) {
    IOException f = failure;
    if (f != null) {
      throw new UncheckedIOException("cannot append to journal " + file + ": " + f.getMessage(), f);
    }
    if (closed) {
      throw new IllegalStateException("journal " + file + " is closed");
    }
    accepted.incrementAndGet();
    queue.add(r);
  }

  /** Evaluations accepted so far. */
  long accepted() {
    return accepted.get();
  }

  /** Evaluations handed to the operating system so far. */
  long written() {
    return written;
  }

  /** Write calls so far, the header not counted (one per batch). */
  long writes() {
    return writes;
  }

  private void run() {
    StringBuilder batch = new StringBuilder(64 * 1024);
    long rows = 0;
    long nextFlush = System.nanoTime() + flushNanos;
    try {
      while (true) {
        long wait = nextFlush - System.nanoTime();
        Object item = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
        if (item == END) {
          write(batch, rows);
          return;
        }
        if (item != null) {
          batch.append(EvaluationsCsv.row((EvaluationRecord) item, metricNames));
          rows++;
        }
        if (batch.length() >= MAX_BATCH_CHARS || System.nanoTime() - nextFlush >= 0) {
          write(batch, rows);
          rows = 0;
          nextFlush = System.nanoTime() + flushNanos;
        }
      }
    } catch (IOException e) {
      failure = e;
    } catch (InterruptedException e) {
      failure = new IOException("the journal's writer was interrupted", e);
    } catch (RuntimeException e) {
      failure = new IOException(e.toString(), e);
    }
  }

  private void write(StringBuilder batch, long rows) throws IOException {
    if (rows == 0) {
      return;
    }
    out.write(batch.toString().getBytes(StandardCharsets.UTF_8));
    batch.setLength(0);
    written += rows;
    writes++;
  }

  /**
   * Writes every evaluation accepted before, then closes the file. Throws when one of them could
   * not be written; idempotent.
   */
  @Override
  public synchronized void close() {
    if (finished) {
      return;
    }
    finished = true;
    closed = true;
    queue.add(END);
    boolean interrupted = false;
    while (true) {
      try {
        writer.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    try {
      out.close();
    } catch (IOException e) {
      if (failure == null) {
        failure = e;
      }
    }
    IOException f = failure;
    if (f != null) {
      throw new UncheckedIOException("cannot write journal " + file + ": " + f.getMessage(), f);
    }
    if (written != accepted.get()) {
      throw new IllegalStateException(
          "journal " + file + " holds " + written + " of " + accepted.get() + " evaluations");
    }
  }

  /** Removes the journal once the complete, sorted file is safely written. */
  void delete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete journal " + file + ": " + e.getMessage(), e);
    }
  }
}
