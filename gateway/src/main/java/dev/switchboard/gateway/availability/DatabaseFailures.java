package dev.switchboard.gateway.availability;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a lost database from any other failure. Axon, Spring and Hikari each wrap the driver's exception, so the
 * whole cause chain is searched; a bad statement or a unique-key conflict is not an outage. Some failures of a lost
 * database carry no mark (Hikari's "Connection is closed" for a connection it evicted under its user has no SQLSTATE):
 * they only say that JDBC failed, and the database itself must be asked.
 */
public final class DatabaseFailures {

    /** Deep enough for Axon's and Spring's wrapping; a chain longer than this is not followed further. */
    private static final int MAX_DEPTH = 32;

    /** Where the code that talks to the database lives: the drivers of the two databases a node runs on, the pool. */
    private static final List<String> DRIVER_PACKAGES = List.of("org.postgresql.", "org.h2.", "com.zaxxer.hikari.");

    private DatabaseFailures() {}

    public static boolean isUnreachable(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++, cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException) {
                return true;
            }
            if (cause instanceof SQLException sql && isConnectionState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the failure came out of JDBC at all: an {@link SQLException} anywhere in the chain, or anything else the
     * driver or the pool threw from their own code. pgjdbc, for one, checks its own state with {@code assert}: on a JVM
     * started with {@code -ea} a connection killed mid-batch surfaces as an {@link AssertionError} with no cause.
     */
    public static boolean cameFromJdbc(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++, cause = cause.getCause()) {
            if (cause instanceof SQLException || thrownByDriver(cause)) {
                return true;
            }
        }
        return false;
    }

    private static boolean thrownByDriver(Throwable failure) {
        StackTraceElement[] frames = failure.getStackTrace();
        if (frames.length == 0) {
            return false;
        }
        String thrower = frames[0].getClassName();
        return DRIVER_PACKAGES.stream().anyMatch(thrower::startsWith);
    }

    /** SQLSTATE class 08 is "connection exception"; 57P01 to 57P03 are a server shutting down or starting. */
    private static boolean isConnectionState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P"));
    }
}
