package dev.switchboard.query.registry;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * The registry gates routing, so it must never lag the log. A subscribing processor applies each event in the
 * command's own transaction; a streaming one (Axon's default) lagged 0.3 s idle and 8 to 11 s under a few hundred
 * lifecycles per second on two cores. The propagating error handler makes a projection failure fail the command:
 * the subscribing default would log it, commit the event and leave the registry silently stale.
 */
@Configuration
class RegistryProcessorConfiguration {

    @Autowired
    void configure(EventProcessingConfigurer processing) {
        processing.registerSubscribingEventProcessor(ConnectionRegistryProjection.PROCESSING_GROUP);
        processing.registerListenerInvocationErrorHandler(
                ConnectionRegistryProjection.PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance());
    }
}
