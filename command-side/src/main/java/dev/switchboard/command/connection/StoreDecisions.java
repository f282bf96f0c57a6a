package dev.switchboard.command.connection;

import dev.switchboard.api.connection.ConnectionCommand;
import dev.switchboard.api.connection.ConnectionCommandRejected;
import dev.switchboard.api.connection.MigrateConnectionId;
import dev.switchboard.api.connection.OpenConnection;
import dev.switchboard.api.connection.RecordRejection;
import dev.switchboard.api.connection.RejectionCode;
import java.time.Clock;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Sends one command and turns what the event store refuses into the same typed rejection the aggregate raises, recorded
 * in the history:
 *
 * <ul>
 *   <li>an open of an id that has a history: the store's unique key refuses the first event;
 *   <li>a migration to a final id another connection holds: the unique key refuses the claim, which Axon reports as
 *       a concurrency conflict on the connection's own stream;
 *   <li>a command for an id with no stream: a stream-less refusal event.
 * </ul>
 *
 * A real conflict (another node changed the connection first) is thrown on, for the caller's retry.
 */
final class StoreDecisions {

    private final CommandGateway commandGateway;
    private final EventStore eventStore;
    private final Clock clock;

    StoreDecisions(CommandGateway commandGateway, EventStore eventStore, Clock clock) {
        this.commandGateway = commandGateway;
        this.eventStore = eventStore;
        this.clock = clock;
    }

    /** Sends the command as the aggregate decides it; what the store refuses is thrown as Axon reports it. */
    void sendToAggregate(ConnectionCommand command) throws ConnectionRejectedException {
        try {
            commandGateway.sendAndWait(command);
        } catch (CommandExecutionException e) {
            if (e.getCause() instanceof ConnectionRejectedException rejected) {
                throw rejected;
            }
            throw e;
        }
    }

    void send(ConnectionCommand command) throws ConnectionRejectedException {
        try {
            sendToAggregate(command);
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
        sendToAggregate(record);
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
