package dev.switchboard.gateway.availability;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.CannotCreateTransactionException;

/** A lost database is told apart from every other failure, however deeply the libraries wrapped it. */
class DatabaseFailuresTest {

    @Test
    void aPoolTimeoutInsideAFailedTransactionIsAnOutage() {
        var timeout = new SQLTransientConnectionException("HikariPool-1 - Connection is not available");
        assertThat(DatabaseFailures.isUnreachable(new IllegalStateException(
                        "command failed",
                        new CannotCreateTransactionException("Could not open JDBC Connection", timeout))))
                .isTrue();
    }

    @Test
    void aServerShuttingDownOrARefusedConnectionIsAnOutage() {
        assertThat(DatabaseFailures.isUnreachable(new RuntimeException(
                        new SQLException("terminating connection due to administrator command", "57P01"))))
                .isTrue();
        assertThat(DatabaseFailures.isUnreachable(new SQLException("Connection refused", "08001")))
                .isTrue();
    }

    @Test
    void aConflictABadStatementOrAnythingElseIsNot() {
        assertThat(DatabaseFailures.isUnreachable(new SQLException("duplicate key value", "23505")))
                .isFalse();
        assertThat(DatabaseFailures.isUnreachable(new SQLException("syntax error", "42601")))
                .isFalse();
        assertThat(DatabaseFailures.isUnreachable(new IllegalArgumentException("unknown event")))
                .isFalse();
    }

    /** pgjdbc's own {@code assert} in a batch whose connection was killed: no SQLException, no cause, only its frame. */
    @Test
    void anErrorTheDriverThrewItselfCameFromJdbc() {
        var assertion = new AssertionError("pgStatement.getConnection().getAutoCommit() should not throw");
        assertion.setStackTrace(new StackTraceElement[] {
            new StackTraceElement(
                    "org.postgresql.jdbc.BatchResultHandler", "isAutoCommit", "BatchResultHandler.java", 115)
        });
        assertThat(DatabaseFailures.cameFromJdbc(
                        new IllegalStateException("the agent events could not be stored", assertion)))
                .isTrue();
        assertThat(DatabaseFailures.cameFromJdbc(new AssertionError("one of ours")))
                .isFalse();
    }
}
