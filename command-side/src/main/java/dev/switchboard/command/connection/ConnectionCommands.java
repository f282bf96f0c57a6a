package dev.switchboard.command.connection;

import dev.switchboard.api.connection.ConnectionCommand;
import dev.switchboard.api.connection.OpenConnection;
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
    /** The events one shared commit of decided groups holds at most: a hundred handshakes. */
    private static final int BATCH_EVENTS = 500;
    /** The connection heads kept: as many as a node's sockets, and as the aggregate cache's default. */
    private static final long HEADS = 20_000;

    private final StoreDecisions store;
    private final Clock clock;
    /** Null without a transaction manager: a group is then sent one command at a time. */
    private final GroupTransaction groups;
    /** Null with {@link #groups}. */
    private final DecidedWriter writer;

    private final ConnectionHeads heads = new ConnectionHeads(HEADS);

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
        this.writer = groups == null ? null : new DecidedWriter(groups, BATCH_EVENTS);
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
     * Sends the command and waits until it is committed, and the registry with it. A step this node can decide from
     * the connection's head ({@link ConnectionHeads}), above all a close, is appended without the aggregate.
     *
     * @throws ConnectionRejectedException when the connection refuses it; the refusal is then in the log
     */
    public void send(ConnectionCommand command) throws ConnectionRejectedException {
        List<ConnectionCommand> group = List.of(command);
        try (var held = locks.hold(group)) {
            if (appendDecided(group) == Decided.COMMITTED) {
                return;
            }
            sendWithRetries(command);
        }
    }

    /**
     * Sends the commands in order in one transaction, committed once with the registry; every event keeps its own
     * time. The first refusal ends the group: it is committed with the commands before it, and thrown; the commands
     * after it are not sent. Should anything else fail (another node's change, an id the store already holds, the
     * database), the group is rolled back and sent again one command at a time, as {@link #send} sends one, with its
     * retries and the refusals the store decides. Listeners hear of each command after its commit.
     *
     * <p>A group that opens a connection, or whose connection's head this node knows, and that the aggregate would
     * accept whole is decided by {@link DecidedSteps} without sending its commands, and shares its commit with the
     * groups other sockets send meanwhile ({@link DecidedWriter}).
     *
     * <p>Call it outside a transaction: the group's transaction is the one it starts.
     *
     * @throws ConnectionRejectedException the refusal that ended the group; it is in the log
     * @throws GroupFailedException when the commands could not all be sent; it says how many are committed
     */
    public void sendAll(List<? extends ConnectionCommand> commands) throws ConnectionRejectedException {
        try (var held = locks.hold(commands)) {
            Decided decided = appendDecided(commands);
            if (decided == Decided.COMMITTED) {
                return;
            }
            if (groups == null || commands.size() < 2 || decided == Decided.FAILED) {
                oneAtATime(commands);
                return;
            }
            GroupTransaction.Outcome outcome;
            try {
                outcome = groups.run(commands);
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

    /** What became of a group on the path that decides it without the aggregate. */
    private enum Decided {
        /** Committed; listeners told. */
        COMMITTED,
        /** Not decided there: the aggregate decides it. */
        UNDECIDED,
        /** Decided, but the store refused it or the commit failed: nothing of it was kept. */
        FAILED
    }

    /** Under the commands' locks. A group that goes on to the aggregate has its connection's head forgotten first. */
    private Decided appendDecided(List<? extends ConnectionCommand> commands) {
        DecidedSteps.Decision decision = decide(commands);
        if (decision == null) {
            heads.forget(commands);
            return Decided.UNDECIDED;
        }
        String connectionId = commands.get(0).connectionId();
        try {
            writer.append(decision.events());
        } catch (RuntimeException e) {
            heads.forget(commands);
            log.info(
                    "{} connection command(s) decided without the aggregate were not committed ({}); "
                            + "sending them through the aggregate",
                    commands.size(),
                    brief(e));
            return Decided.FAILED;
        }
        heads.committed(connectionId, decision.head());
        commands.forEach(command -> tell(() -> listener.accepted(command)));
        return Decided.COMMITTED;
    }

    /** Null without a writer, or when the group is neither an opening nor on a connection whose head is known. */
    private DecidedSteps.Decision decide(List<? extends ConnectionCommand> commands) {
        if (writer == null || commands.isEmpty()) {
            return null;
        }
        if (commands.get(0) instanceof OpenConnection) {
            return DecidedSteps.decide(commands, clock);
        }
        ConnectionHead head = heads.of(commands.get(0).connectionId());
        return head == null ? null : DecidedSteps.decide(commands, head, clock);
    }

    /** How many decided groups wait for the writer now; for tests that hold it. */
    int queuedDecided() {
        return writer == null ? 0 : writer.queued();
    }

    /** Writes the decided groups already queued, then takes no more. */
    @Override
    public void close() throws InterruptedException {
        if (writer != null) {
            writer.close();
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
