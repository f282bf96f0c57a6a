package dev.switchboard.audit.log;

import org.axonframework.serialization.upcasting.event.EventUpcasterChain;

/** Every upcaster of the log, oldest revision first: what keeps old histories readable as events evolve. */
public final class EventLogUpcasters {

    private EventLogUpcasters() {}

    public static EventUpcasterChain chain() {
        return new EventUpcasterChain(new ConnectionOpenedRevision1Upcaster());
    }
}
