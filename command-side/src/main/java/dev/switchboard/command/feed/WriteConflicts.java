package dev.switchboard.command.feed;

import java.sql.SQLException;
import java.util.Set;

/** Failures that mean a concurrent writer got there first, so the same work may succeed when planned again. */
final class WriteConflicts {

    /** Unique violation (PostgreSQL and H2), deadlock, serialization failure. */
    private static final Set<String> STATES = Set.of("23505", "40P01", "40001");

    /** Deeper than any driver chains a batch's failures, short enough that a looping chain cannot hang a writer. */
    private static final int MAX_CHAIN = 16;

    private WriteConflicts() {}

    /** PostgreSQL and H2 report the refused row of a batch as the batch failure's next exception. */
    static boolean isConflict(SQLException failure) {
        int depth = 0;
        for (SQLException e = failure; e != null && depth < MAX_CHAIN; e = e.getNextException(), depth++) {
            if (STATES.contains(e.getSQLState())
                    || (e.getCause() instanceof SQLException cause && STATES.contains(cause.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
