package io.mtnas.adapter.benchmark;

/**
 * A benchmark directory or file that cannot be used: missing, malformed header, wrong row count,
 * a cell that is not a number. The message names the file, line, column and value.
 */
public final class BenchmarkDataException extends RuntimeException {
  public BenchmarkDataException(String message) {
    super(message);
  }

  public BenchmarkDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
