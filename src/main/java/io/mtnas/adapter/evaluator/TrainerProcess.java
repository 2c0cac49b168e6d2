package io.mtnas.adapter.evaluator;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.mtnas.wire.proto.v1.TrainRequestProto;
import io.mtnas.wire.proto.v1.TrainResultProto;
import io.mtnas.wire.proto.v1.TrainerMessageProto;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One long-lived trainer process (mtnas_trainer.worker) and its line protocol: JSON requests on
 * stdin, a hello and then one JSON result per request on stdout (proto/mtnas/v1/trainer.proto).
 * stdout is read by a daemon thread into a queue so that a request can wait with a deadline;
 * stderr is drained into a short tail that a crash report quotes. Not thread-safe: one job at a
 * time, which is what a trainer slot is.
 */
final class TrainerProcess implements AutoCloseable {
  /** The process died, hung past its deadline, or said something that is not the protocol. */
  static final class TrainerException extends Exception {
    final boolean timedOut;

    TrainerException(String message, boolean timedOut) {
      super(message);
      this.timedOut = timedOut;
    }
  }

  private static final String EOF = "\u0000eof";
  private static final int STDERR_TAIL_LINES = 20;

  private final Process process;
  private final BufferedWriter stdin;
  private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
  private final ArrayDeque<String> stderrTail = new ArrayDeque<>();
  private final String hello;

  private TrainerProcess(Process process, Duration startTimeout) throws TrainerException {
    this.process = process;
    this.stdin = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    daemon("trainer-stdout", () -> pump(new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), stdout));
    daemon("trainer-stderr", this::drainStderr);
    String first = next(startTimeout);
    TrainerMessageProto message = parse(first);
    if (!message.hasHello()) {
      throw new TrainerException("trainer's first line is not a hello: " + first, false);
    }
    this.hello = message.getHello().getTorchVersion() + " on " + message.getHello().getDevice();
  }

  static TrainerProcess start(List<String> command, Map<String, String> environment, Duration startTimeout)
      throws TrainerException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    try {
      return new TrainerProcess(builder.start(), startTimeout);
    } catch (IOException e) {
      throw new TrainerException("cannot start trainer " + command + ": " + e.getMessage(), false);
    }
  }

  String hello() {
    return hello;
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Sends one request and waits for its result until the deadline. */
  TrainResultProto run(TrainRequestProto request, Duration deadline) throws TrainerException {
    try {
      stdin.write(JsonFormat.printer().omittingInsignificantWhitespace().print(request));
      stdin.newLine();
      stdin.flush();
    } catch (IOException e) {
      throw new TrainerException("cannot write to the trainer (it has died?): " + e.getMessage() + stderr(), false);
    }
    TrainerMessageProto message = parse(next(deadline));
    if (!message.hasResult()) {
      throw new TrainerException("trainer answered with no result: " + message, false);
    }
    TrainResultProto result = message.getResult();
    if (!result.getJobId().equals(request.getJobId())) {
      throw new TrainerException("trainer answered job " + result.getJobId() + " to job " + request.getJobId(), false);
    }
    return result;
  }

  private String next(Duration deadline) throws TrainerException {
    String line;
    try {
      line = stdout.poll(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TrainerException("interrupted while waiting for the trainer", false);
    }
    if (line == null) {
      throw new TrainerException("no answer from the trainer within " + deadline.toSeconds() + " s", true);
    }
    if (EOF.equals(line)) {
      waitForExit();
      throw new TrainerException("trainer process exited"
          + (process.isAlive() ? "" : " with code " + process.exitValue()) + stderr(), false);
    }
    return line;
  }

  private TrainerMessageProto parse(String line) throws TrainerException {
    TrainerMessageProto.Builder b = TrainerMessageProto.newBuilder();
    try {
      JsonFormat.parser().merge(line, b);
    } catch (InvalidProtocolBufferException e) {
      throw new TrainerException("trainer wrote a line that is not the protocol (" + e.getMessage() + "): " + line,
          false);
    }
    return b.build();
  }

  private void waitForExit() {
    try {
      process.waitFor(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String stderr() {
    synchronized (stderrTail) {
      return stderrTail.isEmpty() ? "" : "; its last stderr lines: " + String.join(" | ", stderrTail);
    }
  }

  private void drainStderr() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        synchronized (stderrTail) {
          stderrTail.addLast(line);
          if (stderrTail.size() > STDERR_TAIL_LINES) {
            stderrTail.removeFirst();
          }
        }
      }
    } catch (IOException ignored) {
      // the process is gone; what was read is kept
    }
  }

  private static void pump(BufferedReader reader, BlockingQueue<String> into) {
    try (reader) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        into.add(line);
      }
    } catch (IOException ignored) {
      // treated as end of stream below
    }
    into.add(EOF);
  }

  private static void daemon(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
  }

  /** Ends the process at once (a hung one included). */
  @Override
  public void close() {
    process.destroyForcibly();
    waitForExit();
  }
}
