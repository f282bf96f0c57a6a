package dev.switchboard.command.connection;

import dev.switchboard.api.connection.ConnectionCommand;
import dev.switchboard.api.connection.ConnectionCommandRejected;
import dev.switchboard.api.connection.MigrateConnectionId;
import dev.switchboard.api.connection.OpenConnection;
import dev.switchboard.api.connection.RecordRejection;
import dev.switchboard.api.connection.RejectionCode;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.time.Duration;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point for connection commands. It turns what the event store refuses into the same typed rejection
 * the aggregate raises, and records it in the history:
 *
 * <ul>
 *   <li>an open of an id that has a history: the store's unique key refuses the first event;
 *   <li>a migration to a final id another connection holds: the unique key refuses the claim, which Axon reports as
 *       a concurrency conflict on the connection's own stream;
 *   <li>a real conflict (another node changed the connection first): retried, so the command meets the new state.
 * </ul>
 */
public class ConnectionCommands {

    private static final Logger log = LoggerFactory.getLogger(ConnectionCommands.class);

    private final CommandGateway commandGateway;
    private final EventStore eventStore;
    private final Clock clock;
    private final Retry conflictRetry;
    private final ConnectionCommandListener listener;

    public ConnectionCommands(CommandGateway commandGateway, EventStore eventStore, Clock clock) {
        this(commandGateway, eventStore, clock, ConnectionCommandListener.NONE);
    }

    public ConnectionCommands(
            CommandGateway commandGateway, EventStore eventStore, Clock clock, ConnectionCommandListener listener) {
        this.listener = listener;
        this.commandGateway = commandGateway;
        this.eventStore = eventStore;
        this.clock = clock;
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
        try {
            Retry.decorateCheckedRunnable(conflictRetry, () -> sendOnce(command))
                    .run();
        } catch (ConnectionRejectedException | RuntimeException | Error e) {
            if (e instanceof ConnectionRejectedException rejected) {
                log.info("connection command rejected: {}", rejected.getMessage());
                tell(() -> listener.rejected(command, rejected.code()));
            }
            throw e;
        } catch (Throwable unexpected) {
            throw new IllegalStateException("connection command failed: " + command, unexpected);
        }
        tell(() -> listener.accepted(command));
    }

    /** Counting an outcome must never turn an accepted command into a failed one, nor hide a refusal. */
    private static void tell(Runnable notification) {
        try {
            notification.run();
        } catch (RuntimeException e) {
            log.warn("a connection command listener failed: {}", e.toString());
        }
    }

    private void sendOnce(ConnectionCommand command) throws ConnectionRejectedException {
        try {
            commandGateway.sendAndWait(command);
        } catch (CommandExecutionException e) {
            if (e.getCause() instanceof ConnectionRejectedException rejected) {
                throw rejected;
            }
            throw e;
        } catch (AggregateNotFoundException e) {
            throw unknownConnection(command);
        } catch (AggregateStreamCreationException | ConcurrencyException e) {
            if (command instanceof OpenConnection) {
                recordRejection(command, RejectionCode.CONNECTION_EXISTS, "the id already has a history");
            }
            if (command instanceof MigrateConnectionId migrate && hasHistory(migrate.finalId())) {
                recordRejection(
                        command,
                        RejectionCode.FINAL_ID_TAKEN,
                        "final id " + migrate.finalId() + " is held by another connection");
            }
            throw e;
        }
    }

    private boolean hasHistory(String aggregateId) {
        return eventStore.readEvents(aggregateId).hasNext();
    }

    private void recordRejection(ConnectionCommand command, RejectionCode code, String reason)
            throws ConnectionRejectedException {
        var record = new RecordRejection(
                command.connectionId(),
                command.getClass().getSimpleName(),
                CommandArguments.of((Record) command),
                code,
                reason);
        try {
            commandGateway.sendAndWait(record);
        } catch (CommandExecutionException e) {
            if (e.getCause() instanceof ConnectionRejectedException rejected) {
                throw rejected;
            }
            throw e;
        }
        throw new IllegalStateException("the connection accepted a rejection record: " + record);
    }

    /** An id with no stream has no history to hold the rejection, so it goes into the log as a stream-less event. */
    private ConnectionRejectedException unknownConnection(ConnectionCommand command) {
        String commandName = command.getClass().getSimpleName();
        String reason = "no connection was opened with this id";
        eventStore.publish(GenericEventMessage.asEventMessage(new ConnectionCommandRejected(
                command.connectionId(),
                commandName,
                CommandArguments.of((Record) command),
                null,
                RejectionCode.UNKNOWN_CONNECTION,
                reason,
                clock.instant())));
        return new ConnectionRejectedException(
                command.connectionId(), null, commandName, RejectionCode.UNKNOWN_CONNECTION, reason);
    }
}
