package dev.switchboard.gateway.eventstore;

import org.axonframework.config.EventProcessingModule;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.SubscribableMessageSource;

/**
 * Axon's event processing, with each subscribing processor's handlers called through a {@link LiveEventInvoker}. The
 * subscribing processors (the registry, the lifecycle log) run on the thread that appends, inside its transaction,
 * for every event a node writes; every other setting of theirs is Axon's.
 */
final class LiveEventProcessing extends EventProcessingModule {

    @Override
    protected EventProcessor subscribingEventProcessor(
            String name,
            EventHandlerInvoker eventHandlerInvoker,
            SubscribableMessageSource<? extends EventMessage<?>> messageSource) {
        return super.subscribingEventProcessor(name, new LiveEventInvoker(eventHandlerInvoker), messageSource);
    }
}
