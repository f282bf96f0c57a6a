package dev.switchboard.gateway.retention;

import java.util.Arrays;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Retention deletes rows, and only a vacuum gives their space back: on a server or an event table with autovacuum
 * off, the table grows as if nothing were removed (BENCHMARKS.md, "Retention soak"). A node with retention on says so
 * once, in a warning that names the setting to change.
 */
final class AutovacuumCheck {

    static final String TABLE = "domain_event_entry";

    private AutovacuumCheck() {}

    /** What the server and the event table say, read from PostgreSQL. */
    static Optional<String> warning(DataSource dataSource) {
        var jdbc = new JdbcTemplate(dataSource);
        String server = jdbc.queryForObject("SELECT current_setting('autovacuum')", String.class);
        String[] options = jdbc.queryForObject(
                        "SELECT coalesce(array_to_string(reloptions, ','), '') FROM pg_class WHERE oid = ?::regclass",
                        String.class,
                        TABLE)
                .split(",");
        return warning("on".equals(server), options);
    }

    /**
     * @param serverOn the server's {@code autovacuum} setting
     * @param tableOptions the event table's storage options ({@code pg_class.reloptions}), as {@code name=value}
     */
    static Optional<String> warning(boolean serverOn, String... tableOptions) {
        boolean tableOff = Arrays.stream(tableOptions)
                .map(String::strip)
                .anyMatch(
                        option -> option.equals("autovacuum_enabled=false") || option.equals("autovacuum_enabled=off"));
        String what;
        if (!serverOn) {
            what = "this PostgreSQL server runs with autovacuum = off";
        } else if (tableOff) {
            what = "the table " + TABLE + " has autovacuum_enabled = false";
        } else {
            return Optional.empty();
        }
        return Optional.of("Retention is on but " + what + ": the rows it deletes keep their space until a vacuum, so "
                + "the event table grows as if nothing were removed. Turn autovacuum on, or schedule VACUUM " + TABLE
                + ".");
    }
}
