package io.mtnas.actor;

import io.mtnas.domain.events.EventSubscriber;
import io.mtnas.domain.events.Gap;
import io.mtnas.domain.events.ProgressEvent;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The JSON-lines subscriber: one structured line per event on logger {@code mtnas.progress}
 * ({@code event}, {@code search}, {@code seq}, then the event's fields; conf/logback.xml renders
 * them as JSON). A gap is a WARN line of its own.
 */
final class ProgressLog implements EventSubscriber {
  private static final Logger LOG = LoggerFactory.getLogger("mtnas.progress");

  static boolean enabled() {
    return LOG.isInfoEnabled();
  }

  @Override
  public void onEvent(ProgressEvent event) {
    LoggingEventBuilder line =
        LOG.atInfo()
            .setMessage(event.name())
            .addKeyValue("event", event.name())
            .addKeyValue("search", event.search())
            .addKeyValue("seq", event.seq());
    for (Map.Entry<String, Object> f : event.fields().entrySet()) {
      line.addKeyValue(f.getKey(), f.getValue());
    }
    line.log();
  }

  @Override
  public void onGap(Gap gap) {
    LOG.atWarn()
        .setMessage("gap")
        .addKeyValue("event", "gap")
        .addKeyValue("search", gap.search())
        .addKeyValue("first_missed_seq", gap.firstMissedSeq())
        .addKeyValue("last_missed_seq", gap.lastMissedSeq())
        .addKeyValue("missed", gap.missed())
        .log();
  }
}
