package dev.switchboard.gateway.observability;

import dev.switchboard.gateway.limits.AuthFailureCircuits;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.LoggingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

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

    /** Read at each scrape: counting the circuits walks a bounded in-memory table, no database. */
    @Autowired
    void openCircuits(MeterRegistry meters, AuthFailureCircuits circuits) {
        Gauge.builder("switchboard.auth.circuits.open", circuits, AuthFailureCircuits::openCircuits)
                .description("Authentication failure circuits (per address or user) open now")
                .register(meters);
    }
}
