package dev.switchboard.gateway.cluster;

import java.sql.DatabaseMetaData;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;

/**
 * Sends announcements to every node listening on a channel ({@link AnnouncementListener}), with PostgreSQL's
 * {@code pg_notify}: a listener hears them after the sender's commit, in commit order. The embedded H2 database has
 * no NOTIFY; there a node runs alone and needs none.
 */
@Component
public class Announcements {

    private final JdbcTemplate jdbc;
    private final boolean supported;

    Announcements(JdbcTemplate jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.supported = isPostgres(dataSource);
    }

    /** Whether the database carries announcements; without it nothing is sent or heard. */
    public boolean supported() {
        return supported;
    }

    /**
     * Sends each payload on the channel: at once, or at the commit of the caller's transaction when there is one.
     *
     * @throws org.springframework.dao.DataAccessException when the database does not take them
     */
    public void send(String channel, List<String> payloads) {
        if (!supported) {
            return;
        }
        for (String payload : payloads) {
            jdbc.query("SELECT pg_notify(?, ?)", (ResultSetExtractor<Void>) rows -> null, channel, payload);
        }
    }

    private static boolean isPostgres(DataSource dataSource) {
        try {
            return "PostgreSQL"
                    .equals(JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName));
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("could not tell which database holds the log", e);
        }
    }
}
