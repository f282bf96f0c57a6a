package dev.switchboard.gateway.feed;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;

/**
 * Opens the feed listener's own connection, outside the pool: a pooled connection would be held forever and retired
 * under it. It is named after the node, so that an operator finds it in {@code pg_stat_activity}.
 */
final class ListenerConnections {

    static final String APPLICATION_NAME_PREFIX = "switchboard-feed-listener ";

    private final DataSourceProperties database;
    private final String applicationName;

    ListenerConnections(DataSourceProperties database, String nodeId) {
        this.database = database;
        this.applicationName = APPLICATION_NAME_PREFIX + nodeId;
    }

    Connection open() throws SQLException {
        Properties settings = new Properties();
        if (database.determineUsername() != null) {
            settings.setProperty("user", database.determineUsername());
        }
        if (database.determinePassword() != null) {
            settings.setProperty("password", database.determinePassword());
        }
        settings.setProperty("ApplicationName", applicationName);
        settings.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(database.determineUrl(), settings);
    }
}
