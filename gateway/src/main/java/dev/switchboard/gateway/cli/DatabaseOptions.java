package dev.switchboard.gateway.cli;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import picocli.CommandLine.Option;

/**
 * Which database an audit command reads: the URL and user from options or from the node's own environment variables;
 * the password only from the environment, so it never appears in a shell history or a process list.
 */
final class DatabaseOptions {

    @Option(
            names = "--db",
            paramLabel = "<jdbc-url>",
            description = "the log's database, e.g. jdbc:postgresql://host:5432/switchboard "
                    + "(default: $SPRING_DATASOURCE_URL, else the embedded database under ./data)")
    String url;

    @Option(
            names = "--db-user",
            paramLabel = "<user>",
            description = "database user (default: $SPRING_DATASOURCE_USERNAME); the password is read from "
                    + "$SPRING_DATASOURCE_PASSWORD")
    String user;

    DataSource dataSource() {
        String resolvedUrl = firstOf(url, System.getenv("SPRING_DATASOURCE_URL"), embeddedUrl());
        String resolvedUser = firstOf(
                user,
                System.getenv("SPRING_DATASOURCE_USERNAME"),
                resolvedUrl.startsWith("jdbc:h2:") ? "sa" : "postgres");
        String password = firstOf(System.getenv("SPRING_DATASOURCE_PASSWORD"), "", "");
        var dataSource = new SimpleDriverDataSource();
        dataSource.setUrl(resolvedUrl);
        dataSource.setUsername(resolvedUser);
        dataSource.setPassword(password);
        try {
            dataSource.setDriver(java.sql.DriverManager.getDriver(resolvedUrl));
        } catch (SQLException e) {
            throw new CliFailure(CliFailure.DATABASE, "no JDBC driver for " + resolvedUrl);
        }
        try (Connection ignored = dataSource.getConnection()) {
            return dataSource;
        } catch (SQLException e) {
            throw new CliFailure(
                    CliFailure.DATABASE, "cannot reach the database at " + resolvedUrl + ": " + e.getMessage());
        }
    }

    private static String embeddedUrl() {
        String dataDir = firstOf(System.getenv("SWITCHBOARD_DATA_DIR"), "./data", "./data");
        return "jdbc:h2:file:" + dataDir + "/switchboard;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;IFEXISTS=TRUE";
    }

    private static String firstOf(String first, String second, String fallback) {
        if (first != null && !first.isBlank()) {
            return first;
        }
        return second != null && !second.isBlank() ? second : fallback;
    }
}
