package dev.switchboard.command.feed;

import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class AgentEventsConfiguration {

    /**
     * The feed writer, in the serializer Axon's event store writes with, so its rows read like Axon's.
     *
     * @param maxBatchSize events one transaction takes at most
     * @param maxQueueDelay the longest a publish may be expected to wait in the queue before it is refused
     */
    @Bean(destroyMethod = "close")
    AgentEvents agentEvents(
            DataSource dataSource,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            Clock clock,
            FeedHeads feedHeads,
            ObjectProvider<FeedCommitListener> listener,
            @Value("${switchboard.command.feed.max-batch-size:1000}") int maxBatchSize,
            @Value("${switchboard.command.feed.max-queue-delay:250ms}") Duration maxQueueDelay) {
        return new AgentEvents(
                dataSource,
                eventSerializer,
                clock,
                feedHeads,
                listener.getIfAvailable(() -> FeedCommitListener.NONE),
                maxBatchSize,
                maxQueueDelay);
    }

    /** Users whose last seq this node keeps: a few dozen bytes each; a miss costs one indexed read. */
    @Bean
    FeedHeads feedHeads(@Value("${switchboard.command.cache.feed-heads:20000}") long maximumEntries) {
        return new FeedHeads(maximumEntries);
    }
}
