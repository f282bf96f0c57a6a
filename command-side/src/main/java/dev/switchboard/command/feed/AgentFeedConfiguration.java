package dev.switchboard.command.feed;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class AgentFeedConfiguration {

    @Bean
    AgentEvents agentEvents(CommandGateway commandGateway, EventStore eventStore) {
        return new AgentEvents(commandGateway, eventStore);
    }
}
