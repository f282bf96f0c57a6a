package dev.switchboard.command.connection;

import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class ConnectionCommandConfiguration {

    @Bean
    ConnectionCommands connectionCommands(CommandGateway commandGateway, EventStore eventStore, Clock clock,
            ObjectProvider<ConnectionCommandListener> listener) {
        return new ConnectionCommands(commandGateway, eventStore, clock,
                listener.getIfAvailable(() -> ConnectionCommandListener.NONE));
    }
}
