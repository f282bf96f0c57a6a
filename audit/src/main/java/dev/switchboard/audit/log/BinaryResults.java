package dev.switchboard.audit.log;

import org.postgresql.PGStatement;
import org.springframework.jdbc.core.PreparedStatementCreator;

/**
 * A statement whose rows PostgreSQL sends in its binary format from the first execution: a {@code bytea} then crosses
 * as its bytes rather than twice as many hex digits, which the driver would decode again. Other databases (the
 * embedded one) run it as it is.
 */
public final class BinaryResults {

    private BinaryResults() {}

    public static PreparedStatementCreator statement(String sql, Object... arguments) {
        return connection -> {
            var statement = connection.prepareStatement(sql);
            if (statement.isWrapperFor(PGStatement.class)) {
                // negative: binary results from the first execution, not after prepareThreshold executions
                statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
            }
            for (int i = 0; i < arguments.length; i++) {
                statement.setObject(i + 1, arguments[i]);
            }
            return statement;
        };
    }
}
