package dev.switchboard.gateway.feed;

import dev.switchboard.api.feed.AgentEventPublished;
import java.sql.DatabaseMetaData;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;

/**
 * Announces appended feed events to every node on the PostgreSQL channel {@value #CHANNEL}, as {@code <userId>:<seq>}.
 * An announcement carries no event: a listener reads the event from the log, so a notification is only a hint to look
 * now and may be lost without losing anything. The embedded H2 database has no NOTIFY; there a node runs alone and
 * needs none.
 */
@Component
class FeedNotifications {

    static final String CHANNEL = "switchboard_feed";
    private static final Logger log = LoggerFactory.getLogger(FeedNotifications.class);

    /** An announced feed event. */
    record Announcement(String userId, long seq) {

        /** User ids may hold colons, seqs cannot: the last colon splits. */
        static Optional<Announcement> parse(String payload) {
            int colon = payload == null ? -1 : payload.lastIndexOf(':');
            if (colon <= 0) {
                return Optional.empty();
            }
            try {
                return Optional.of(
                        new Announcement(payload.substring(0, colon), Long.parseLong(payload.substring(colon + 1))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    private final JdbcTemplate jdbc;
    private final boolean supported;

    FeedNotifications(JdbcTemplate jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.supported = isPostgres(dataSource);
    }

    /** Called after the event's append committed, so a listener that reads the log finds it. Never throws. */
    void announce(AgentEventPublished event) {
        if (!supported) {
            return;
        }
        try {
            jdbc.query(
                    "SELECT pg_notify(?, ?)",
                    (ResultSetExtractor<Void>) rows -> null,
                    CHANNEL,
                    event.userId() + ":" + event.seq());
        } catch (DataAccessException e) {
            log.warn(
                    "could not announce feed event {} of user {}; other nodes catch up on their next sweep: {}",
                    event.seq(),
                    event.userId(),
                    e.getMessage());
        }
    }

    boolean supported() {
        return supported;
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
