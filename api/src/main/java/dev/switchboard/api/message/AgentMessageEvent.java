package dev.switchboard.api.message;

import java.time.Instant;

/**
 * What the log holds of a client's {@code message} sent to the operator's agent backend: that it was forwarded, and
 * what came of it. Both are in the user's message stream ({@link MessageIds}), next to the run's agent events in the
 * user's feed, so a timeline shows what the user said, what the backend answered, and what the run did.
 */
public sealed interface AgentMessageEvent permits AgentMessageForwarded, AgentMessageAnswered {

    String userId();

    /** The final id of the connection the message came on. */
    String connectionId();

    String runId();

    /** When the node recorded it. */
    Instant at();
}
