package dev.switchboard.gateway.observability;

import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MetricsConfigurerModule;
import org.axonframework.monitoring.MessageMonitor;

/**
 * Axon's Micrometer monitors for the event processors only, with Axon's default tags ({@code processorName},
 * {@code payloadType}), in place of its module that also monitors the command bus and the event store.
 *
 * <p>Those two monitors look meters up by tag on every message, several times per command: profiling the lifecycle
 * benchmark put Micrometer at 13 % of the command threads' CPU. What they would count is already counted, per
 * command, outcome and rejection code, by {@code switchboard_connection_commands_total} ({@link CommandMetrics}).
 */
class ProcessorMetricsModule extends MetricsConfigurerModule {

    private final GlobalMetricRegistry metrics;

    ProcessorMetricsModule(GlobalMetricRegistry metrics) {
        super(metrics, true);
        this.metrics = metrics;
    }

    @Override
    public void configureModule(Configurer configurer) {
        configurer.configureMessageMonitor(EventProcessor.class,
                (configuration, componentType, componentName) -> processorMonitor(componentName));
    }

    @SuppressWarnings("unchecked") // Axon's registry types the monitor loosely; a processor's monitor sees messages
    private MessageMonitor<Message<?>> processorMonitor(String processorName) {
        return (MessageMonitor<Message<?>>) metrics.registerComponentWithDefaultTags(EventProcessor.class,
                processorName);
    }
}
