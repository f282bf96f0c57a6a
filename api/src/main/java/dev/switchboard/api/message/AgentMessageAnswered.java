package dev.switchboard.api.message;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * What came of forwarding a message: the backend took it (a 2xx; the client got {@code ack}), or it could not be
 * reached or refused it (the client got {@code error agent_unavailable}).
 *
 * @param outcome {@code accepted} or {@code unavailable}
 * @param status the backend's last HTTP status, or 0 when it gave none (refused connection, timeout, breaker open)
 * @param attempts the attempts made, 0 when the breaker or the concurrency bound let none through
 * @param detail a sentence on the last failure; null when accepted
 * @param at when it was recorded
 */
@Revision("1")
public record AgentMessageAnswered(
        String userId,
        String connectionId,
        String messageId,
        String runId,
        String outcome,
        int status,
        int attempts,
        String detail,
        Instant at)
        implements AgentMessageEvent {

    public static final String ACCEPTED = "accepted";
    public static final String UNAVAILABLE = "unavailable";
}
