package io.mtnas.domain.work;

/**
 * How often a job may be attempted before the work manager gives it up.
 *
 * @param maxAttempts attempts in all, the first included (1: never retry)
 */
public record RetryPolicy(int maxAttempts) {
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("max attempts must be >= 1, got " + maxAttempts);
    }
  }

  public static RetryPolicy attempts(int maxAttempts) {
    return new RetryPolicy(maxAttempts);
  }

  public static RetryPolicy noRetries() {
    return new RetryPolicy(1);
  }

  /** Whether a job whose attempt number {@code attempt} failed may run once more. */
  public boolean allowsRetryAfter(int attempt) {
    return attempt < maxAttempts;
  }
}
