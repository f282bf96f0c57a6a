package dev.switchboard.query.history;

import java.time.Instant;

/**
 * One event of a connection's history, as the log holds it.
 *
 * @param position the event's place in the whole log (its global index)
 * @param type the event's simple name, e.g. {@code ConnectionOpened}
 * @param payloadJson the stored JSON payload, unchanged
 */
public record HistoryEntry(long position, Instant timestamp, String type, String payloadJson) {}
