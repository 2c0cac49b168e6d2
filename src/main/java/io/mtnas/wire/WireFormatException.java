package io.mtnas.wire;

/** A wire message that parses as Protobuf but does not make a valid domain value. */
public final class WireFormatException extends IllegalArgumentException {
  public WireFormatException(String message) {
    super(message);
  }

  public WireFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
