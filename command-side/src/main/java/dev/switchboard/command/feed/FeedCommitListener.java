package dev.switchboard.command.feed;

import dev.switchboard.api.feed.AgentEventPublished;
import java.util.List;

/**
 * Told of what each committed transaction of the feed writer appended, so that a node can hand the events to its
 * sockets and announce them to the other nodes once per transaction rather than once per event.
 *
 * <p>Called on the writer's thread, once per transaction that appended anything, in the order the transactions
 * committed: after the commit and before the callers of that transaction get their answers, so a publisher that has
 * its answer knows the node was told. The writer takes its next batch only when this returns, so it should hand the
 * work off rather than do it. What it throws is logged; the events stay appended and the callers are answered.
 */
@FunctionalInterface
public interface FeedCommitListener {

    FeedCommitListener NONE = appended -> {};

    /** @param appended the events the transaction appended (replayed idempotency keys are not), in log order */
    void committed(List<AgentEventPublished> appended);
}
