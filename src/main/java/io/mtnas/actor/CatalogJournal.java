package io.mtnas.actor;

import io.mtnas.domain.search.SearchSpec;
import io.mtnas.domain.service.Catalog;
import io.mtnas.domain.service.CatalogEvent;
import java.util.List;
import java.util.function.Function;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * The service's catalog of searches (entity {@code search-catalog}): what was submitted, started,
 * finished, failed, cancelled, deleted. {@link SearchService} applies each change to its own copy
 * at once and answers its caller once the change is stored here; on start it waits for the
 * recovered {@link Catalog}. A failed write stops this actor and with it the service.
 */
public final class CatalogJournal extends EventSourcedBehavior<CatalogJournal.Command, CatalogEvent, Catalog> {
  public static final PersistenceId PERSISTENCE_ID = PersistenceId.ofUniqueId("search-catalog");

  public sealed interface Command extends NoSerializationVerificationNeeded {}

  /** Persist {@code events} in order, then tell {@code reply} to {@code replyTo}. */
  public record Append<T>(List<CatalogEvent> events, ActorRef<T> replyTo, T reply) implements Command {
    public Append {
      events = List.copyOf(events);
    }
  }

  private final Function<String, SearchSpec> specs;
  private final ActorRef<Catalog> recovered;

  private CatalogJournal(Function<String, SearchSpec> specs, ActorRef<Catalog> recovered) {
    super(PERSISTENCE_ID);
    this.specs = specs;
    this.recovered = recovered;
  }

  /**
   * @param specs reads a stored spec back
   * @param recovered told the catalog once recovery is complete
   */
  public static Behavior<Command> create(Function<String, SearchSpec> specs, ActorRef<Catalog> recovered) {
    return new CatalogJournal(specs, recovered);
  }

  @Override
  public Catalog emptyState() {
    return Catalog.empty();
  }

  @Override
  public CommandHandler<Command, CatalogEvent, Catalog> commandHandler() {
    return newCommandHandlerBuilder()
        .forAnyState()
        .onCommand(Append.class, (state, a) -> Effect().persist(a.events()).thenRun(s -> reply(a)))
        .build();
  }

  @SuppressWarnings("unchecked")
  private static <T> void reply(Append<T> a) {
    if (a.replyTo() != null) {
      a.replyTo().tell(a.reply());
    }
  }

  @Override
  public EventHandler<Catalog, CatalogEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent((state, event) -> state.apply(event, specs));
  }

  @Override
  public SignalHandler<Catalog> signalHandler() {
    return newSignalHandlerBuilder().onSignal(RecoveryCompleted.instance(), recovered::tell).build();
  }
}
