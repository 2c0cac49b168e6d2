package io.mtnas.adapter.spec;

/** A search spec that cannot run; the message names the file, the JSON path and the value. */
public final class SpecException extends RuntimeException {
  public SpecException(String message) {
    super(message);
  }
}
