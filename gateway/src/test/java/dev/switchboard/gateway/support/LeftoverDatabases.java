package dev.switchboard.gateway.support;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test databases an earlier run could not drop, dropped by the next run. A run drops its databases from a shutdown
 * hook (each hook says how it went in {@code target/test-databases.log}), and a JVM killed before its hooks finish
 * (Surefire stops a fork that does not exit in time) leaves them behind: whole, or marked invalid by a
 * {@code DROP DATABASE} cut off halfway, which nobody can connect to again.
 * A database's name carries the id of the process that created it ({@link #name}), so one whose process is gone
 * from this machine is known to be left over; one of a live process, or on a server elsewhere, is never touched.
 */
final class LeftoverDatabases {

    static final String PREFIX = "switchboard_test_";
    private static final Pattern OWNED = Pattern.compile(PREFIX + "(\\d+)_[0-9a-f]+");
    private static final Set<String> LOCAL_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]");

    private LeftoverDatabases() {}

    /** A new database's name: this process's id, then {@code random}. */
    static String name(String random) {
        return PREFIX + ProcessHandle.current().pid() + "_" + random;
    }

    /** The process that created the database, when its name says. */
    static OptionalLong owner(String database) {
        Matcher matcher = OWNED.matcher(database);
        return matcher.matches() ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
    }

    /** Whether {@code database} is left over: invalid, or created on this machine by a process that has ended. */
    static boolean isLeftOver(String database, boolean invalid, boolean serverIsLocal) {
        if (invalid) {
            return true;
        }
        OptionalLong owner = owner(database);
        return serverIsLocal
                && owner.isPresent()
                && !ProcessHandle.of(owner.getAsLong())
                        .map(ProcessHandle::isAlive)
                        .orElse(false);
    }

    /** Drops every left-over test database on the server; returns their names. */
    static List<String> drop(String serverUrl, String username, String password) throws SQLException {
        List<String> dropped = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(serverUrl, username, password)) {
            List<String> leftOver = new ArrayList<>();
            // datconnlimit -2: PostgreSQL's mark of a database whose DROP was interrupted
            try (var statement = connection.prepareStatement(
                    "SELECT datname, datconnlimit = -2 FROM pg_database WHERE datname LIKE ?"); ) {
                statement.setString(1, PREFIX.replace("_", "\\_") + "%");
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        if (isLeftOver(rows.getString(1), rows.getBoolean(2), isLocal(serverUrl))) {
                            leftOver.add(rows.getString(1));
                        }
                    }
                }
            }
            for (String database : leftOver) {
                try (var statement = connection.createStatement()) {
                    statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                    dropped.add(database);
                }
            }
        }
        return dropped;
    }

    static boolean isLocal(String jdbcUrl) {
        String host = URI.create(jdbcUrl.substring("jdbc:".length())).getHost();
        return host != null && LOCAL_HOSTS.contains(host);
    }
}
