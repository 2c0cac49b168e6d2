package io.mtnas.adapter.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The API token, kept only as its SHA-256 digest: a presented token is hashed the same way and the
 * two digests compared with {@link MessageDigest#isEqual} (constant time, and the same length
 * whatever was sent, so neither content nor length leaks). {@link #toString()} never shows it.
 */
final class BearerToken {
  /** Shorter tokens are refused at start-up. */
  static final int MIN_LENGTH = 16;

  private final byte[] digest;

  private BearerToken(byte[] digest) {
    this.digest = digest;
  }

  static BearerToken of(String token) {
    return new BearerToken(sha256(token));
  }

  /** True when the {@code Authorization} header is {@code Bearer <the token>}. */
  boolean admits(Optional<String> authorization) {
    String presented = "";
    boolean bearer = false;
    if (authorization.isPresent()) {
      String h = authorization.get().strip();
      if (h.regionMatches(true, 0, "Bearer ", 0, 7)) {
        bearer = true;
        presented = h.substring(7).strip();
      }
    }
    boolean same = MessageDigest.isEqual(digest, sha256(presented));
    return bearer && same;
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "BearerToken[hidden]";
  }
}
