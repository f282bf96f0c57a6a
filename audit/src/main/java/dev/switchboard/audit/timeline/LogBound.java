package dev.switchboard.audit.timeline;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * One end of a window of the log: a log position, or a time that a scan of the log turns into one. Exactly one of
 * the two is set.
 */
public record LogBound(Long position, Instant time) {

    public LogBound {
        if ((position == null) == (time == null)) {
            throw new IllegalArgumentException("a log bound is a position or a time, not both or neither");
        }
    }

    public static LogBound position(long position) {
        return new LogBound(position, null);
    }

    public static LogBound time(Instant time) {
        return new LogBound(null, time);
    }

    /**
     * Reads a bound as a person types it: digits are a log position, anything else an ISO-8601 instant such as
     * {@code 2026-01-01T12:00:00Z}. Null or blank is no bound (null).
     *
     * @throws IllegalArgumentException when it is neither
     */
    public static LogBound parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String trimmed = text.trim();
        if (trimmed.chars().allMatch(Character::isDigit)) {
            try {
                return position(Long.parseLong(trimmed));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the log position " + trimmed + " is too large", e);
            }
        }
        try {
            return time(Instant.parse(trimmed));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "a bound is a log position (an integer) or an ISO-8601 instant such as 2026-01-01T12:00:00Z", e);
        }
    }
}
