package dev.switchboard.audit.rebuild;

/** Where a projection's rebuild stands, as {@code projection_status.state} holds it. */
public enum RebuildState {
    /** No rebuild has run since the table was created. */
    IDLE,
    /** Replaying the log into the rebuild table, beside the live one. */
    REBUILDING,
    /**
     * Both tables compared without the lock; then, live table locked, the last events applied, the rows they touched
     * compared again and, if allowed, the live one switched.
     */
    VERIFYING,
    /** The live table equals a fresh replay of the log: it did already, or a repair made it so. */
    SWITCHED,
    /** Differences found and no repair asked for, or the rebuild could not finish; the live table is unchanged. */
    FAILED;

    /** Whether a rebuild in this state holds the claim, so no second one may start. */
    public boolean running() {
        return this == REBUILDING || this == VERIFYING;
    }
}
