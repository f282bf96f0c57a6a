package dev.switchboard.gateway.connection;

import java.util.Locale;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Makes PostgreSQL refuse one commit: the first that would store a given event of a given stream. A deferred
 * constraint trigger checks at commit time, so every statement of the transaction succeeds and only its COMMIT fails,
 * as it would on a lost connection or a serialization failure. The trigger counts on a sequence, which a rollback
 * does not undo, so it fires once; closing removes it.
 */
final class RefusedCommit implements AutoCloseable {

    private final JdbcTemplate jdbc;
    private final String name;
    private final String table;

    private RefusedCommit(JdbcTemplate jdbc, String name, String table) {
        this.jdbc = jdbc;
        this.name = name;
        this.table = table;
    }

    /** @param eventType the event's simple class name, e.g. {@code ConnectionMarkedReady} */
    static RefusedCommit once(JdbcTemplate jdbc, String aggregateId, String eventType) {
        String name =
                "refuse_commit_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        jdbc.execute("CREATE SEQUENCE " + name);
        jdbc.execute("CREATE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF NEW.aggregate_identifier = " + literal(aggregateId) + " AND NEW.payload_type LIKE "
                + literal("%." + eventType) + " THEN "
                + "IF nextval('" + name + "') = 1 THEN RAISE EXCEPTION 'the test refuses this commit'; END IF; "
                + "END IF; RETURN NULL; END $$");
        jdbc.execute("CREATE CONSTRAINT TRIGGER " + name + " AFTER INSERT ON domain_event_entry "
                + "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION " + name + "()");
        return new RefusedCommit(jdbc, name, "domain_event_entry");
    }

    /**
     * Refuses the first registry row of a connection: the insert fails, which the live registry sends just before its
     * transaction commits, so that commit fails.
     */
    static RefusedCommit registryRowOnce(JdbcTemplate jdbc, String preliminaryId) {
        String name =
                "refuse_row_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        jdbc.execute("CREATE SEQUENCE " + name);
        jdbc.execute("CREATE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF NEW.preliminary_id = " + literal(preliminaryId) + " AND nextval('" + name + "') = 1 THEN "
                + "RAISE EXCEPTION 'the test refuses this row'; END IF; RETURN NEW; END $$");
        jdbc.execute("CREATE TRIGGER " + name + " BEFORE INSERT ON connection_registry FOR EACH ROW EXECUTE FUNCTION "
                + name + "()");
        return new RefusedCommit(jdbc, name, "connection_registry");
    }

    /** Whether a commit was refused. */
    boolean fired() {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT is_called FROM " + name, Boolean.class));
    }

    @Override
    public void close() {
        jdbc.execute("DROP TRIGGER IF EXISTS " + name + " ON " + table);
        jdbc.execute("DROP FUNCTION IF EXISTS " + name + "()");
        jdbc.execute("DROP SEQUENCE IF EXISTS " + name);
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
