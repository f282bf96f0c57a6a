package dev.switchboard.gateway.observability;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.switchboard.api.connection.ConnectionAuthenticated;
import dev.switchboard.api.connection.ConnectionClosed;
import dev.switchboard.api.connection.ConnectionCommandRejected;
import dev.switchboard.api.connection.ConnectionEvent;
import dev.switchboard.api.connection.ConnectionIdMigrated;
import dev.switchboard.api.connection.ConnectionOpened;
import dev.switchboard.api.connection.ConnectionTokenRefreshed;
import dev.switchboard.api.connection.FinalIdClaimed;
import dev.switchboard.gateway.node.NodeIdentity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * One log line, and the close-reason count, per connection event this node commits. It is told after the database's
 * commit, so a rolled-back event is neither logged nor counted. The line names the event by id and aggregate sequence, not by
 * global position: the position would cost a query per event on the command's path (see the README).
 */
@Component
@ProcessingGroup(LifecycleLog.PROCESSING_GROUP)
class LifecycleLog {

    static final String PROCESSING_GROUP = "lifecycle-log";
    private static final Logger log = LoggerFactory.getLogger("switchboard.lifecycle");

    /** What later events of a connection do not carry; bounded, and a miss only leaves a field out of a line. */
    private final Cache<String, Known> known = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofDays(1))
            .build();

    private final NodeIdentity node;
    private final MeterRegistry meters;

    LifecycleLog(NodeIdentity node, MeterRegistry meters) {
        this.node = node;
        this.meters = meters;
    }

    private record Known(String userId, String finalId) {}

    @EventHandler
    void on(ConnectionEvent event, EventMessage<?> message) {
        // a refusal for an id with no history is a stream-less event: it has no sequence
        Long sequence = message instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : null;
        Runnable write = () -> {
            try {
                write(event, message.getIdentifier(), sequence);
            } catch (RuntimeException e) {
                // after the commit the command has succeeded: a failed log line must not reach its caller
                log.warn(
                        "could not log {} of connection {}: {}",
                        event.getClass().getSimpleName(),
                        event.connectionId(),
                        e.toString());
            }
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // the transaction may span several units of work (a handshake's group): a unit of work's own commit is
            // not yet the database's
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    write.run();
                }
            });
        } else if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> write.run());
        } else {
            write.run();
        }
    }

    private void write(ConnectionEvent event, String eventId, Long sequence) {
        remember(event);
        Known connection = known.getIfPresent(event.connectionId());
        LoggingEventBuilder line = log.atInfo()
                .addKeyValue("eventType", event.getClass().getSimpleName())
                .addKeyValue("connectionId", event.connectionId())
                .addKeyValue("eventId", eventId)
                .addKeyValue("nodeId", node.id());
        if (sequence != null) {
            line = line.addKeyValue("aggregateSequence", sequence);
        }
        if (connection != null && connection.userId() != null) {
            line = line.addKeyValue("userId", connection.userId());
        }
        // a claim names its final id itself (details), and a key twice makes the JSON line unwritable
        if (connection != null && connection.finalId() != null && !(event instanceof FinalIdClaimed)) {
            line = line.addKeyValue("finalId", connection.finalId());
        }
        line = details(event, line);
        line.log("connection {} {}", event.connectionId(), event.getClass().getSimpleName());
        if (event instanceof ConnectionClosed closed) {
            known.invalidate(closed.connectionId());
            Counter.builder("switchboard.connection.closes")
                    .description("Connections this node closed, by the reason in the log")
                    .tag("reason", closed.reason().name())
                    .register(meters)
                    .increment();
        }
    }

    private void remember(ConnectionEvent event) {
        if (event instanceof ConnectionAuthenticated authenticated) {
            known.put(authenticated.connectionId(), new Known(authenticated.userId(), null));
        } else if (event instanceof ConnectionIdMigrated migrated) {
            known.put(migrated.connectionId(), new Known(migrated.userId(), migrated.finalId()));
        }
    }

    /** What each event adds beyond the ids every line has. */
    private static LoggingEventBuilder details(ConnectionEvent event, LoggingEventBuilder line) {
        if (event instanceof ConnectionOpened opened) {
            return line.addKeyValue("originNodeId", opened.nodeId());
        }
        if (event instanceof ConnectionAuthenticated authenticated) {
            return line.addKeyValue("tokenExpiresAt", authenticated.tokenExpiresAt());
        }
        if (event instanceof ConnectionTokenRefreshed refreshed) {
            return line.addKeyValue("tokenExpiresAt", refreshed.tokenExpiresAt());
        }
        if (event instanceof FinalIdClaimed claimed) {
            return line.addKeyValue("finalId", claimed.finalId());
        }
        if (event instanceof ConnectionClosed closed) {
            return line.addKeyValue("reason", closed.reason().name())
                    .addKeyValue(
                            "stateBefore",
                            closed.stateBefore() == null
                                    ? null
                                    : closed.stateBefore().name())
                    .addKeyValue("originNodeId", closed.nodeId());
        }
        if (event instanceof ConnectionCommandRejected rejected) {
            return line.addKeyValue("command", rejected.command())
                    .addKeyValue("code", rejected.code().code())
                    .addKeyValue(
                            "stateMet",
                            rejected.stateMet() == null
                                    ? null
                                    : rejected.stateMet().name());
        }
        return line; // migrated and ready: the ids above say it all
    }
}
