package dev.switchboard.gateway.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;

/**
 * Opens the announcement listener's own connection, outside the pool: a pooled connection would be held forever and
 * retired under it. It is named after the node, so that an operator finds it in {@code pg_stat_activity}.
 */
public final class ListenerConnections {

    /** Followed by the node's id: the {@code application_name} of the listener's connection. */
    public static final String APPLICATION_NAME_PREFIX = "switchboard-listener ";

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
