package io.mtnas.adapter.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;

/**
 * Where JSON log lines go for a command. Progress events always go to {@code events.jsonl} in the
 * output directory. When stdout is a terminal, people read the live status lines instead, so the
 * console keeps only warnings and errors; when it is a pipe, every line goes there too.
 */
final class ConsoleLogging {
  private ConsoleLogging() {}

  static void configure(Path eventsFile, boolean interactive) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    if (interactive) {
      Appender<ILoggingEvent> stdout = root.getAppender("STDOUT");
      if (stdout != null) {
        ThresholdFilter warnings = new ThresholdFilter();
        warnings.setLevel(Level.WARN.levelStr);
        warnings.start();
        stdout.addFilter(warnings);
      }
    }
    LogstashEncoder encoder = new LogstashEncoder();
    encoder.setContext(context);
    encoder.setIncludeContext(false);
    encoder.start();
    FileAppender<ILoggingEvent> file = new FileAppender<>();
    file.setContext(context);
    file.setName("EVENTS");
    file.setFile(eventsFile.toString());
    file.setAppend(false);
    file.setEncoder(encoder);
    file.start();
    context.getLogger("mtnas.progress").addAppender(file);
  }

  /** Flushes and closes the file appenders (call before exit). */
  static void stop() {
    ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
  }
}
