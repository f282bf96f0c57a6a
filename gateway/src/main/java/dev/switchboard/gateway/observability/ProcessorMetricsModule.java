package dev.switchboard.gateway.observability;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MetricsConfigurerModule;

/**
 * Axon's Micrometer counters for the event processors ({@code eventProcessor_successCounter_total},
 * {@code …_failureCounter_total}, {@code …_ingestedCounter_total}, … tagged {@code processorName}), in place of its
 * default module, which also monitors the command bus and the event store and times every message.
 *
 * <p>Left out on purpose, all measured with the lifecycle benchmark's profile:
 * <ul>
 *   <li>the command bus and event store monitors, which look meters up by tag several times per command; what they
 *       would count, {@code switchboard_connection_commands_total} counts per command, outcome and rejection code;
 *   <li>the processors' capacity monitor, which keeps every message of a sliding window in a skip list: 14 map nodes
 *       per connection on the heap, and the top frame of the command threads' CPU samples. Its figure (busy time of a
 *       processor thread) means nothing for these processors, which run in the committing thread;
 *   <li>the processors' timer and latency monitors: the handshake and delivery histograms time what users wait for.
 * </ul>
 *
 * <p>The counters are Axon's series, counted by {@link ProcessorCounters}, which finds them once per processor.
 */
class ProcessorMetricsModule extends MetricsConfigurerModule {

    private static final String PREFIX = "eventProcessor";

    private final MeterRegistry meters;

    ProcessorMetricsModule(GlobalMetricRegistry metrics) {
        super(metrics, true);
        this.meters = metrics.getRegistry();
    }

    @Override
    public void configureModule(Configurer configurer) {
        configurer.configureMessageMonitor(
                EventProcessor.class,
                (configuration, componentType, processorName) -> new ProcessorCounters(PREFIX, meters, processorName));
    }
}
