package dev.switchboard.command.feed;

import dev.switchboard.api.feed.AgentEventPublished;
import dev.switchboard.api.feed.PublishAgentEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** One caller's events: written in one transaction, in the caller's order per user, and answered together. */
final class FeedRequest {

    private final List<FeedSlot> slots;
    private final CompletableFuture<List<AgentEventPublished>> answer = new CompletableFuture<>();

    /**
     * Writes the events' payloads but for their seqs and times, on the caller's thread.
     *
     * @param traceIds the id of the message each event is appended for, as its trace and correlation id
     * @throws org.axonframework.serialization.SerializationException when an event's data cannot be written
     */
    FeedRequest(List<PublishAgentEvent> events, Supplier<String> traceIds, FeedPayloads payloads) {
        this.slots = events.stream()
                .map(event -> new FeedSlot(this, event, traceIds.get(), payloads))
                .toList();
    }

    List<FeedSlot> slots() {
        return slots;
    }

    int size() {
        return slots.size();
    }

    CompletableFuture<List<AgentEventPublished>> answer() {
        return answer;
    }

    boolean isAnswered() {
        return answer.isDone();
    }

    /** Only after the commit: every slot's event, in request order. */
    void answerCommitted() {
        answer.complete(slots.stream().map(FeedSlot::event).toList());
    }

    void fail(Throwable failure) {
        answer.completeExceptionally(failure);
    }
}
