package dev.switchboard.gateway.feed;

import dev.switchboard.api.feed.AgentEventPublished;
import dev.switchboard.command.feed.FeedCommitListener;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What each transaction of the feed writer committed, handed on once per transaction: to this node's sockets of its
 * users, and to the other nodes in one announcement of the users' new heads (or a few, when they do not fit in one).
 * The writer waits for this before its next batch, so both only queue their work for threads of their own.
 */
@Component
class CommittedEvents implements FeedCommitListener {

    private final LocalFanOut fanOut;
    private final FeedNotifications notifications;

    CommittedEvents(LocalFanOut fanOut, FeedNotifications notifications) {
        this.fanOut = fanOut;
        this.notifications = notifications;
    }

    @Override
    public void committed(List<AgentEventPublished> appended) {
        fanOut.deliver(appended);
        notifications.announce(appended);
    }
}
