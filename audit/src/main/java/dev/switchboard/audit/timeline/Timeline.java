package dev.switchboard.audit.timeline;

import java.util.List;

/**
 * What happened, step by step: the stored events re-run through the real aggregate and the registry's projection
 * logic in a sandbox. Steps are in log position order, the true order across streams and nodes. Timestamps come from
 * the clocks of the nodes that appended the events and may disagree by those clocks' skew: never order by them.
 *
 * @param kind what the timeline is of
 * @param subject the connection id as asked (either id) or the user id; null for a window
 * @param fromPosition the first log position a step may come from (inclusive)
 * @param toPosition the last one (inclusive): the log's head when the timeline was built, unless the window ended
 *     earlier. Replaying started at the beginning of every involved stream whatever {@code fromPosition} is, so the
 *     states and registry rows of the first steps are right.
 * @param streams the streams replayed; for a window, the streams that have steps in it
 */
public record Timeline(
        Kind kind, String subject, long fromPosition, long toPosition, List<String> streams, List<TimelineStep> steps) {

    public enum Kind {
        /** One connection: its preliminary id's stream and its final id's claim stream. */
        CONNECTION,
        /** One user: every connection that authenticated as the user, and the user's agent event feed. */
        USER,
        /** Everything in a window of the log. */
        WINDOW
    }
}
