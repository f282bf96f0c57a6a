package dev.switchboard.gateway.eventstore;

import dev.switchboard.audit.log.EventLogFormat;
import dev.switchboard.audit.log.EventLogUpcasters;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.config.EventProcessingModule;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The event log: Axon's JDBC storage engine on the tables of {@code db}, in the {@link EventLogFormat} the audit
 * tools read too, through the same upcasters.
 */
@Configuration
class EventStoreConfiguration {

    /** PostgreSQL's and H2's unique_violation, which Axon's default resolver misses in batched inserts. */
    private static final String UNIQUE_VIOLATION = "23505";

    @Bean
    EventSchema eventSchema() {
        return EventLogFormat.eventSchema();
    }

    @Bean
    TokenSchema tokenSchema() {
        return EventLogFormat.tokenSchema();
    }

    /** Turns a duplicate (aggregate id, sequence) into Axon's concurrency exceptions, which the command side reads. */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver(UNIQUE_VIOLATION);
    }

    /** Replaces Axon's auto-configured module, which is only {@code new EventProcessingModule()}. */
    @Bean
    EventProcessingModule eventProcessing() {
        return new LiveEventProcessing();
    }

    @Bean
    @Primary
    Serializer serializer() {
        return EventLogFormat.serializer();
    }

    /**
     * The log's upcasters, the one chain the audit tools read with too. Axon's auto-configuration puts every
     * {@code EventUpcaster} bean into the event store's chain, so the aggregates and the event processors of a node
     * read an event of an older revision as its current one.
     */
    @Bean
    EventUpcasterChain eventLogUpcasters() {
        return EventLogUpcasters.chain();
    }
}
