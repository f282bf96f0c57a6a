package dev.switchboard.audit.timeline;

import java.util.List;

/**
 * Who an agent event reached, according to the sandbox registry at its position. Connections are named by their
 * stream (preliminary) ids, like {@link TimelineStep#connectionId()}.
 *
 * @param deliveredTo the user's connections READY at that position: the fan-out sends to these
 * @param heldFor the user's connections still OPENED or AUTHENTICATED then, which get the event from the log when
 *     they become ready or resume: authenticated ones first, then opened ones, each in the order they got there. An
 *     OPENED connection has no user yet; it is listed when the replayed log shows it authenticating as this user later.
 */
public record Delivery(
        String userId, long seq, String runId, String event, List<String> deliveredTo, List<String> heldFor) {}
