package dev.switchboard.command.connection;

import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class ConnectionCommandConfiguration {

    @Bean
    ConnectionCommands connectionCommands(CommandGateway commandGateway, EventStore eventStore, Clock clock) {
        return new ConnectionCommands(commandGateway, eventStore, clock);
    }
}
