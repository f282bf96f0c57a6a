package dev.switchboard.audit.retention;

import java.time.Instant;

/**
 * What retention lets leave the live table: agent feed events older than {@code feedBefore} (but never a feed's newest,
 * from which the next publish takes its seq), and every event of a connection CLOSED before {@code connectionsBefore}.
 * A null cutoff keeps that kind forever.
 */
public record RetentionCutoffs(Instant feedBefore, Instant connectionsBefore) {

    public static RetentionCutoffs both(Instant before) {
        return new RetentionCutoffs(before, before);
    }

    public boolean keepsEverything() {
        return feedBefore == null && connectionsBefore == null;
    }
}
