package dev.switchboard.api.message;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A client's message, about to be sent to the agent backend under a new run id; recorded before the first attempt,
 * so the log holds what the user said even when the node dies before the backend answers.
 *
 * @param connectionId the final id of the connection the message came on
 * @param messageId the client's id for the message
 * @param runId the run the backend's events for this message carry
 * @param sentAt when the node received the message
 * @param nodeId the node that forwarded it
 * @param at when it was recorded
 */
@Revision("1")
public record AgentMessageForwarded(
        String userId,
        String connectionId,
        String messageId,
        String runId,
        String text,
        Instant sentAt,
        String nodeId,
        Instant at)
        implements AgentMessageEvent {}
