package dev.switchboard.audit.log;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Archived events a reader of the log does not see: the database marks segments archived ({@code archive_mark}) and
 * the reader was given no archive, or one that lacks some of them. Its answers would treat those events as never
 * having happened.
 *
 * @param upToPosition the last position of the marked segment that reaches furthest into the log
 * @param archivedTo the archive directory that segment's run was given
 * @param archivedAt when that run marked it
 * @param segments how many segments are marked, counted when an archive was given; 0 without one
 * @param read the archive the reader was given; null for none
 * @param missing of the marked segments, those {@code read} does not hold complete; empty without an archive
 */
public record UnreadArchive(
        long upToPosition, String archivedTo, Instant archivedAt, long segments, Path read, List<String> missing) {

    /** How many missing segments a sentence names. */
    private static final int NAMED = 3;

    public UnreadArchive {
        missing = List.copyOf(missing);
    }

    /** Whether the reader was given an archive, but not one that holds what was archived. */
    public boolean wrongArchive() {
        return read != null;
    }

    /**
     * What is unread, in one sentence an operator can act on, e.g. "events up to position 1200 were archived to
     * /var/archive on 2026-12-05T10:00:00Z"; with an archive that lacks segments, which ones first.
     */
    public String sentence() {
        String archived = "events up to position " + upToPosition + " were archived to " + archivedTo + " on "
                + archivedAt.truncatedTo(ChronoUnit.SECONDS);
        if (read == null) {
            return archived;
        }
        String named = String.join(", ", missing.subList(0, Math.min(NAMED, missing.size())))
                + (missing.size() > NAMED ? " and " + (missing.size() - NAMED) + " more" : "");
        return "the archive " + read + " lacks " + missing.size() + " of the " + segments
                + " segments the database marks archived (" + named + "): " + archived;
    }
}
