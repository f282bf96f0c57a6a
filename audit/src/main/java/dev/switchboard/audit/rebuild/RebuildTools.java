package dev.switchboard.audit.rebuild;

import dev.switchboard.audit.log.EventLog;
import java.time.Clock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What one rebuild run works with, shared by every run of a {@link RegistryRebuild}. The template and the log read
 * through the same data source as the transaction manager, so inside a transaction they all use its connection.
 *
 * @param lockable whether the database can lock the live table against writes but not reads (PostgreSQL); H2 cannot
 */
record RebuildTools(
        JdbcTemplate jdbc,
        TransactionTemplate tx,
        EventLog log,
        RegistryVerify verify,
        RegistryRepair repair,
        ProjectionStatusTable table,
        Clock clock,
        RegistryRebuild.Settings settings,
        boolean lockable) {}
