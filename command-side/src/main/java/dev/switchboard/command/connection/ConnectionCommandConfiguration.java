package dev.switchboard.command.connection;

import dev.switchboard.command.cache.AggregateCache;
import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration
class ConnectionCommandConfiguration {

    @Bean
    ConnectionCommands connectionCommands(
            CommandGateway commandGateway,
            EventStore eventStore,
            Clock clock,
            ObjectProvider<ConnectionCommandListener> listener,
            PlatformTransactionManager transactions) {
        return new ConnectionCommands(
                commandGateway,
                eventStore,
                clock,
                listener.getIfAvailable(() -> ConnectionCommandListener.NONE),
                transactions);
    }

    @Bean(ConnectionTargets.BEAN)
    ConnectionTargets connectionTargets() {
        return new ConnectionTargets();
    }

    /**
     * The connections this node drives, so the four handshake commands and the close do not each re-read the stream.
     * An entry is a few hundred bytes; a miss costs one read of the stream.
     */
    @Bean(AggregateCache.CONNECTIONS)
    AggregateCache connectionAggregateCache(
            @Value("${switchboard.command.cache.connections:20000}") long maximumEntries) {
        return new AggregateCache(maximumEntries);
    }
}
