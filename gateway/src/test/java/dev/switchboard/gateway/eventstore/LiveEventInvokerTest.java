package dev.switchboard.gateway.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.junit.jupiter.api.Test;

/** Live events reach the handlers Axon's own invoker would call; replays are Axon's business, as before. */
class LiveEventInvokerTest {

    private final Recorder words = new Recorder();
    private final NumbersNotReplayed numbers = new NumbersNotReplayed();
    private final MultiEventHandlerInvoker axons = new MultiEventHandlerInvoker(
            SimpleEventHandlerInvoker.builder().eventHandlers(words).build(),
            SimpleEventHandlerInvoker.builder().eventHandlers(numbers).build());
    private final LiveEventInvoker invoker = new LiveEventInvoker(axons);

    @Test
    void aLiveEventReachesEveryHandlerOfItsTypeAndNoOther() throws Exception {
        EventMessage<?> word = GenericEventMessage.asEventMessage("hello");
        EventMessage<?> number = GenericEventMessage.asEventMessage(42);

        assertThat(invoker.canHandle(word, Segment.ROOT_SEGMENT)).isTrue();
        assertThat(invoker.canHandle(GenericEventMessage.asEventMessage(4.2), Segment.ROOT_SEGMENT))
                .isFalse();
        invoker.handle(word, Segment.ROOT_SEGMENT);
        invoker.handle(number, Segment.ROOT_SEGMENT);

        assertThat(words.seen).containsExactly("hello");
        assertThat(numbers.seen).containsExactly(42);
    }

    @Test
    void aReplayedEventIsHandledAsAxonHandlesItSoAHandlerThatDisallowsReplaysMissesIt() throws Exception {
        var replay =
                ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(10), new GlobalSequenceTrackingToken(1));
        EventMessage<?> number = new GenericTrackedEventMessage<>(replay, GenericEventMessage.asEventMessage(7));
        EventMessage<?> word = new GenericTrackedEventMessage<>(replay, GenericEventMessage.asEventMessage("again"));

        assertThat(invoker.canHandle(number, Segment.ROOT_SEGMENT))
                .isEqualTo(axons.canHandle(number, Segment.ROOT_SEGMENT))
                .isFalse();
        invoker.handle(number, Segment.ROOT_SEGMENT);
        invoker.handle(word, Segment.ROOT_SEGMENT);

        assertThat(numbers.seen).isEmpty();
        assertThat(words.seen).containsExactly("again");
    }

    @Test
    void aLiveEventDoesNotAskWhetherAHandlerSupportsAReset() throws Exception {
        var handled = new ArrayList<Object>();
        EventHandlerInvoker noResetQuestions = new EventHandlerInvoker() {
            @Override
            public boolean canHandle(EventMessage<?> event, Segment segment) {
                return true;
            }

            @Override
            public void handle(EventMessage<?> event, Segment segment) {
                handled.add(event.getPayload());
            }

            @Override
            public boolean supportsReset() {
                throw new AssertionError("asked whether it supports a reset");
            }
        };
        var live = new LiveEventInvoker(new MultiEventHandlerInvoker(noResetQuestions));

        live.handle(GenericEventMessage.asEventMessage("live"), Segment.ROOT_SEGMENT);

        assertThat(handled).containsExactly("live");
    }

    static final class Recorder {
        final List<String> seen = new ArrayList<>();

        @EventHandler
        void on(String word) {
            seen.add(word);
        }
    }

    @DisallowReplay
    static final class NumbersNotReplayed {
        final List<Integer> seen = new ArrayList<>();

        @EventHandler
        void on(Integer number) {
            seen.add(number);
        }
    }
}
