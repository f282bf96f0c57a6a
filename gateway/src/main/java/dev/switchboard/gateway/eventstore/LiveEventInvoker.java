package dev.switchboard.gateway.eventstore;

import java.util.List;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;

/**
 * A processor's handlers as Axon's {@link MultiEventHandlerInvoker} calls them, without asking each handler, for
 * every event, whether it supports a reset. Axon asks that before it looks whether the event is a replay, and the
 * answer is a stream over every handler method of the handler's class, twice per event and processor (once to see
 * whether the processor takes the event, once to hand it over): in a handshake's profile 6 % of the CPU of the thread
 * that commits every handshake. For a live event (every event of a subscribing processor) the answer does not
 * matter, so it is not asked; a replayed event goes to Axon's invoker as before.
 */
final class LiveEventInvoker implements EventHandlerInvoker {

    private final EventHandlerInvoker invoker;
    private final List<EventHandlerInvoker> handlers;

    LiveEventInvoker(EventHandlerInvoker invoker) {
        this.invoker = invoker;
        this.handlers = invoker instanceof MultiEventHandlerInvoker multi ? multi.delegates() : List.of(invoker);
    }

    @Override
    public boolean canHandle(EventMessage<?> event, Segment segment) {
        if (ReplayToken.isReplay(event)) {
            return invoker.canHandle(event, segment);
        }
        for (EventHandlerInvoker handler : handlers) {
            if (handler.canHandle(event, segment)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void handle(EventMessage<?> event, Segment segment) throws Exception {
        if (ReplayToken.isReplay(event)) {
            invoker.handle(event, segment);
            return;
        }
        for (EventHandlerInvoker handler : handlers) {
            if (handler.canHandle(event, segment)) {
                handler.handle(event, segment);
            }
        }
    }

    @Override
    public boolean canHandleType(Class<?> payloadType) {
        return invoker.canHandleType(payloadType);
    }

    @Override
    public boolean supportsReset() {
        return invoker.supportsReset();
    }

    @Override
    public void performReset() {
        invoker.performReset();
    }

    @Override
    public <R> void performReset(R resetContext) {
        invoker.performReset(resetContext);
    }

    @Override
    public void segmentReleased(Segment segment) {
        invoker.segmentReleased(segment);
    }
}
