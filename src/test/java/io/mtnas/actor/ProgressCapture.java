package io.mtnas.actor;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/**
 * Collects log lines while a test runs: the progress events of {@code mtnas.progress} (as their
 * key-value fields) and every WARN or ERROR line, so tests can read what the pipeline reported.
 * Attached to the root logger; {@link #close()} detaches it.
 */
public final class ProgressCapture implements AutoCloseable {

  /** One captured line. */
  public record Line(String logger, Level level, String message, Map<String, Object> fields) {
    public String field(String name) {
      Object v = fields.get(name);
      return v == null ? null : v.toString();
    }
  }

  private final ConcurrentLinkedQueue<Line> lines = new ConcurrentLinkedQueue<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final AppenderBase<ILoggingEvent> appender =
      new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent e) {
          boolean progress = e.getLoggerName().equals("mtnas.progress");
          if (!progress && !e.getLevel().isGreaterOrEqual(Level.WARN)) {
            return;
          }
          Map<String, Object> fields = new HashMap<>();
          List<KeyValuePair> kvs = e.getKeyValuePairs();
          if (kvs != null) {
            for (KeyValuePair kv : kvs) {
              fields.put(kv.key, kv.value);
            }
          }
          lines.add(new Line(e.getLoggerName(), e.getLevel(), e.getFormattedMessage(), fields));
        }
      };

  public ProgressCapture() {
    appender.setName("progress-capture-" + System.identityHashCode(this));
    appender.setContext(root.getLoggerContext());
    appender.start();
    root.addAppender(appender);
  }

  /** The progress events named {@code event} of one search, in logging order. */
  public List<Line> events(String searchId, String event) {
    return lines.stream()
        .filter(l -> l.logger().equals("mtnas.progress"))
        .filter(l -> searchId.equals(l.field("search")) && event.equals(l.field("event")))
        .toList();
  }

  /** Every progress line of one search (gaps included), in logging order. */
  List<Line> all(String searchId) {
    return lines.stream()
        .filter(l -> l.logger().equals("mtnas.progress"))
        .filter(l -> searchId.equals(l.field("search")))
        .toList();
  }

  /**
   * The progress events named {@code event} of one search logged before its {@code
   * search_finished} (workers stopping with the search's session report leaving afterwards).
   */
  List<Line> eventsWhileRunning(String searchId, String event) {
    List<Line> found = new java.util.ArrayList<>();
    for (Line l : lines) {
      if (!l.logger().equals("mtnas.progress") || !searchId.equals(l.field("search"))) {
        continue;
      }
      if ("search_finished".equals(l.field("event"))) {
        break;
      }
      if (event.equals(l.field("event"))) {
        found.add(l);
      }
    }
    return found;
  }

  /** WARN and ERROR lines of the project's own loggers (not Pekko's shutdown noise). */
  List<Line> projectWarnings() {
    return lines.stream()
        .filter(l -> l.level().isGreaterOrEqual(Level.WARN))
        .filter(l -> l.logger().startsWith("io.mtnas"))
        .toList();
  }

  /** Every WARN and ERROR line. */
  List<Line> warnings() {
    return lines.stream().filter(l -> l.level().isGreaterOrEqual(Level.WARN)).toList();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
  }
}
