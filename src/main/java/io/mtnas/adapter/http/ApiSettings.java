package io.mtnas.adapter.http;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The {@code mtnas.serve} section of the configuration.
 *
 * @param maxBodyBytes the largest request body accepted; a larger one gets 413
 * @param maxRunning searches that run at once; later ones wait QUEUED
 * @param askTimeout how long a request waits for the service actor before a 503
 * @param eventHistory progress events kept per search for server-sent-event followers
 * @param keepAlive how often a quiet event stream sends a comment line, so proxies keep it open
 * @param workers the service's local evaluator workers, shared by every running search
 */
public record ApiSettings(long maxBodyBytes, int maxRunning, Duration askTimeout, int eventHistory,
    Duration keepAlive, int workers) {
  public ApiSettings {
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("mtnas.serve.max-body-size must be >= 1 byte, got " + maxBodyBytes);
    }
    if (maxRunning < 1) {
      throw new IllegalArgumentException("mtnas.serve.max-running must be >= 1, got " + maxRunning);
    }
    if (eventHistory < 1) {
      throw new IllegalArgumentException("mtnas.serve.event-history must be >= 1, got " + eventHistory);
    }
    if (workers < 0 || workers > 1024) {
      throw new IllegalArgumentException("mtnas.serve.workers must be in 0..1024, got " + workers);
    }
    if (keepAlive.isNegative() || keepAlive.isZero()) {
      throw new IllegalArgumentException("mtnas.serve.keep-alive must be positive, got " + keepAlive);
    }
  }

  public static ApiSettings from(Config config) {
    Config serve = config.getConfig("mtnas.serve");
    return new ApiSettings(
        serve.getBytes("max-body-size"), serve.getInt("max-running"), serve.getDuration("ask-timeout"),
        serve.getInt("event-history"), serve.getDuration("keep-alive"), serve.getInt("workers"));
  }
}
