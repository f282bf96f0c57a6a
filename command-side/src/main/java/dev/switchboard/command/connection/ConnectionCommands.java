package dev.switchboard.command.connection;

import dev.switchboard.api.connection.ConnectionCommand;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The one entry point for connection commands. A command the event store refuses is turned into the same typed
 * rejection the aggregate raises and recorded ({@link StoreDecisions}); a real conflict (another node changed the
 * connection first) is retried, so the command meets the new state. A group of commands ({@link #sendAll}) costs
 * one commit.
 */
public class ConnectionCommands implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConnectionCommands.class);
    /** The events one shared commit of openings holds at most: a hundred handshakes. */
    private static final int OPENING_BATCH_EVENTS = 500;

    private final StoreDecisions store;
    private final Clock clock;
    /** Null without a transaction manager: a group is then sent one command at a time. */
    private final GroupTransaction groups;
    /** Null with {@link #groups}. */
    private final OpeningWriter openings;

    private final Retry conflictRetry;
    private final ConnectionCommandListener listener;
    private final ConnectionLocks locks = new ConnectionLocks();

    public ConnectionCommands(CommandGateway commandGateway, EventStore eventStore, Clock clock) {
        this(commandGateway, eventStore, clock, ConnectionCommandListener.NONE, null);
    }

    public ConnectionCommands(
            CommandGateway commandGateway,
            EventStore eventStore,
            Clock clock,
            ConnectionCommandListener listener,
            PlatformTransactionManager transactions) {
        this.listener = listener;
        this.clock = clock;
        this.store = new StoreDecisions(commandGateway, eventStore, clock);
        this.groups = transactions == null ? null : new GroupTransaction(transactions, store, eventStore);
        this.openings = groups == null ? null : new OpeningWriter(groups, OPENING_BATCH_EVENTS);
        this.conflictRetry = Retry.of(
                "connection-command-conflict",
                RetryConfig.custom()
                        .maxAttempts(5)
                        .waitDuration(Duration.ofMillis(5))
                        .retryOnException(ConcurrencyException.class::isInstance)
                        .build());
        conflictRetry
                .getEventPublisher()
                .onRetry(event -> log.info(
                        "connection command met a concurrent change on another node; retrying against the new state "
                                + "(attempt {}): {}",
                        event.getNumberOfRetryAttempts(),
                        event.getLastThrowable().getMessage()));
    }

    /**
     * Sends the command and waits until it is committed, and the registry with it.
     *
     * @throws ConnectionRejectedException when the connection refuses it; the refusal is then in the log
     */
    public void send(ConnectionCommand command) throws ConnectionRejectedException {
        try (var held = locks.hold(List.of(command))) {
            sendWithRetries(command);
        }
    }

    /**
     * Sends the commands in order in one transaction, committed once with the registry; every event keeps its own
     * time. A group that opens a connection and that the aggregate would accept whole is appended as decided by
     * {@link OpeningGroup}, without sending its commands, and shares its commit with the groups other sockets open
     * meanwhile ({@link OpeningWriter}). The first refusal ends the group: it is committed with the commands before it, and thrown; the commands
     * after it are not sent. Should anything else fail (another node's change, an id the store already holds, the
     * database), the group is rolled back and sent again one command at a time, as {@link #send} sends one, with its
     * retries and the refusals the store decides. Listeners hear of each command after its commit.
     *
     * <p>Call it outside a transaction: the group's transaction is the one it starts.
     *
     * @throws ConnectionRejectedException the refusal that ended the group; it is in the log
     * @throws GroupFailedException when the commands could not all be sent; it says how many are committed
     */
    public void sendAll(List<? extends ConnectionCommand> commands) throws ConnectionRejectedException {
        try (var held = locks.hold(commands)) {
            if (groups == null || commands.size() < 2) {
                oneAtATime(commands);
                return;
            }
            GroupTransaction.Outcome outcome;
            try {
                var decided = OpeningGroup.decide(commands, clock);
                if (decided == null) {
                    outcome = groups.run(commands);
                } else {
                    openings.append(decided);
                    outcome = new GroupTransaction.Outcome(commands.size(), null);
                }
            } catch (RuntimeException e) {
                log.info(
                        "a group of {} connection commands rolled back ({}); sending them one at a time",
                        commands.size(),
                        brief(e));
                oneAtATime(commands);
                return;
            }
            commands.subList(0, outcome.accepted()).forEach(command -> tell(() -> listener.accepted(command)));
            if (outcome.refusal() != null) {
                throw rejected(commands.get(outcome.accepted()), outcome.refusal());
            }
        }
    }

    /** How many opening groups wait for the writer now; for tests that hold it. */
    int queuedOpenings() {
        return openings == null ? 0 : openings.queued();
    }

    /** Writes the openings already queued, then takes no more. */
    @Override
    public void close() throws InterruptedException {
        if (openings != null) {
            openings.close();
        }
    }

    private void oneAtATime(List<? extends ConnectionCommand> commands) throws ConnectionRejectedException {
        for (int i = 0; i < commands.size(); i++) {
            try {
                sendWithRetries(commands.get(i));
            } catch (RuntimeException e) {
                throw new GroupFailedException(i, e);
            }
        }
    }

    private void sendWithRetries(ConnectionCommand command) throws ConnectionRejectedException {
        try {
            Retry.decorateCheckedRunnable(conflictRetry, () -> store.send(command))
                    .run();
        } catch (ConnectionRejectedException rejected) {
            throw rejected(command, rejected);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable unexpected) {
            throw new IllegalStateException("connection command failed: " + command, unexpected);
        }
        tell(() -> listener.accepted(command));
    }

    private ConnectionRejectedException rejected(ConnectionCommand command, ConnectionRejectedException rejected) {
        log.info("connection command rejected: {}", rejected.getMessage());
        tell(() -> listener.rejected(command, rejected.code()));
        return rejected;
    }

    /** The store's messages quote whole batches of rows; the first line says what happened. */
    private static String brief(RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        int end = message.indexOf(". Original message");
        return e.getClass().getSimpleName() + ": " + (end < 0 ? message : message.substring(0, end));
    }

    /** Counting an outcome must never turn an accepted command into a failed one, nor hide a refusal. */
    private static void tell(Runnable notification) {
        try {
            notification.run();
        } catch (RuntimeException e) {
            log.warn("a connection command listener failed: {}", e.toString());
        }
    }
}
