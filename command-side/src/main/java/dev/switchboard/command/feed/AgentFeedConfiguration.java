package dev.switchboard.command.feed;

import dev.switchboard.command.cache.AggregateCache;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class AgentFeedConfiguration {

    @Bean
    AgentEvents agentEvents(CommandGateway commandGateway, EventStore eventStore) {
        return new AgentEvents(commandGateway, eventStore);
    }

    /**
     * Feeds published to recently, so a publish does not replay the user's whole feed. A feed remembers up to
     * {@link AgentFeed#REMEMBERED_KEYS} idempotency keys, about 120 KB at worst, which bounds this cache's size.
     */
    @Bean(AggregateCache.FEEDS)
    AggregateCache agentFeedAggregateCache(@Value("${switchboard.command.cache.feeds:1000}") long maximumEntries) {
        return new AggregateCache(maximumEntries);
    }
}
