package dev.switchboard.gateway.observability;

import dev.switchboard.command.cache.AggregateCache;
import dev.switchboard.command.feed.FeedHeads;
import dev.switchboard.gateway.limits.AuthFailureCircuits;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.micrometer.observation.ObservationPredicate;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.LoggingErrorHandler;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MetricsConfigurerModule;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.observation.ServerRequestObservationContext;

@Configuration
class ObservabilityConfiguration {

    /**
     * The lifecycle log runs in the committing thread, like the registry, so its lines follow the log's order; unlike
     * the registry's, its failures are only logged: a log line that cannot be written must never fail a command.
     */
    @Autowired
    void lifecycleLog(EventProcessingConfigurer processing) {
        processing.registerSubscribingEventProcessor(LifecycleLog.PROCESSING_GROUP);
        processing.registerListenerInvocationErrorHandler(
                LifecycleLog.PROCESSING_GROUP, configuration -> new LoggingErrorHandler());
    }

    /**
     * No {@code http.server.requests} observation of a WebSocket upgrade: its 101 says only that the socket opened,
     * which {@code switchboard_handshake_duration} (upgrade to {@code ready}) and the socket gauges already tell, and
     * starting and stopping the observation was a tenth of the upgrade's CPU on its HTTP thread (BENCHMARKS.md, ninth
     * pass). Every other request keeps it.
     */
    @Bean
    ObservationPredicate noRequestObservationOfUpgrades() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && "websocket".equalsIgnoreCase(request.getCarrier().getHeader(HttpHeaders.UPGRADE)));
    }

    /** Replaces Axon's auto-configured module, which backs off when one is defined. */
    @Bean
    MetricsConfigurerModule processorMetricsModule(GlobalMetricRegistry metrics) {
        return new ProcessorMetricsModule(metrics);
    }

    /** Read at each scrape: counting the circuits walks a bounded in-memory table, no database. */
    @Autowired
    void openCircuits(MeterRegistry meters, AuthFailureCircuits circuits) {
        Gauge.builder("switchboard.auth.circuits.open", circuits, AuthFailureCircuits::openCircuits)
                .description("Authentication failure circuits (per address or user) open now")
                .register(meters);
    }

    /**
     * {@code cache_gets_total{cache, result}}, {@code cache_evictions_total} and {@code cache_size} for the command
     * side's caches: a falling hit ratio on {@code connections} means commands read their streams again (more round
     * trips per handshake), usually because the cache is smaller than the node's live connections; a miss on
     * {@code agent_feeds} is a publish that read its user's feed head.
     */
    @Autowired
    void aggregateCaches(
            MeterRegistry meters,
            @Qualifier(AggregateCache.CONNECTIONS) AggregateCache connections,
            FeedHeads feedHeads) {
        CaffeineCacheMetrics.monitor(meters, connections.entries(), "connections");
        CaffeineCacheMetrics.monitor(meters, feedHeads.entries(), "agent_feeds");
    }
}
