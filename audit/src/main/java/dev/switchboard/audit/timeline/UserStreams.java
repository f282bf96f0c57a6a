package dev.switchboard.audit.timeline;

import dev.switchboard.api.connection.ConnectionAuthenticated;
import dev.switchboard.audit.log.EventLog;
import dev.switchboard.query.registry.JdbcRegistryStore;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Finds the streams (preliminary ids) that may be a user's connections. Only a shortcut: a user timeline keeps the
 * streams whose own events authenticate them as the user, and takes every state from the replay.
 */
@FunctionalInterface
public interface UserStreams {

    Set<String> candidates(String userId);

    /** The live registry's rows of the user, by its (user_id, state) index: a few lookups, read-only. */
    static UserStreams registryTable(DataSource dataSource) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        return userId -> new LinkedHashSet<>(jdbc.queryForList(
                "SELECT preliminary_id FROM " + JdbcRegistryStore.LIVE_TABLE + " WHERE user_id = ?",
                String.class,
                userId));
    }

    /**
     * Every stream the log shows authenticating as the user: linear in the log, but independent of the registry
     * (for a database whose registry is being rebuilt).
     */
    static UserStreams logScan(EventLog log) {
        return userId -> {
            Set<String> streams = new LinkedHashSet<>();
            log.scan(PositionRange.BEFORE_FIRST, log.head(), event -> {
                if (event.payload() instanceof ConnectionAuthenticated authenticated
                        && userId.equals(authenticated.userId())) {
                    streams.add(event.streamId());
                }
            });
            return streams;
        };
    }
}
