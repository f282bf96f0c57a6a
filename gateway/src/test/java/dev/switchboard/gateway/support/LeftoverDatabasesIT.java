package dev.switchboard.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * On the tests' server: what a run killed before its shutdown hooks left behind is dropped by the next run, and
 * nothing of a live run or of an unknown owner is. (Updating {@code pg_database} needs the superuser the local
 * server's tests use.)
 */
class LeftoverDatabasesIT {

    private static final TestDatabase TESTS = TestDatabase.shared();
    private static final String SERVER = TestDatabase.withDatabase(TESTS.jdbcUrl(), "postgres");
    private static final long ME = ProcessHandle.current().pid();

    private final List<String> created = new ArrayList<>();

    @Test
    void databasesOfEndedProcessesAndInterruptedDropsGoAndOthersStay() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        String ofEndedProcess = create(LeftoverDatabases.PREFIX + ended.pid() + "_aaaa0001");
        String ofThisProcess = create(LeftoverDatabases.PREFIX + ME + "_aaaa0002");
        String interruptedDrop = create(LeftoverDatabases.PREFIX + ME + "_aaaa0003");
        String unknownOwner = create(LeftoverDatabases.PREFIX + "aaaa0004bbbb");
        sql("UPDATE pg_database SET datconnlimit = -2 WHERE datname = '" + interruptedDrop + "'");

        List<String> dropped = LeftoverDatabases.drop(SERVER, TESTS.username(), TESTS.password());

        assertThat(dropped).contains(interruptedDrop).doesNotContain(ofThisProcess, unknownOwner);
        assertThat(existing()).contains(ofThisProcess, unknownOwner).doesNotContain(interruptedDrop);
        if (LeftoverDatabases.isLocal(SERVER)) {
            assertThat(dropped).contains(ofEndedProcess);
            assertThat(existing()).doesNotContain(ofEndedProcess);
        }
    }

    @Test
    void onlyAServerOnThisMachineIsSweptByProcessId() {
        String ofEndedProcess = LeftoverDatabases.PREFIX + "1_aaaa0005";

        assertThat(LeftoverDatabases.isLocal("jdbc:postgresql://127.0.0.1:5432/postgres"))
                .isTrue();
        assertThat(LeftoverDatabases.isLocal("jdbc:postgresql://db.example.com:5432/postgres?ssl=true"))
                .isFalse();
        assertThat(LeftoverDatabases.isLeftOver(ofEndedProcess, false, false))
                .as("a process id means nothing on another machine's server")
                .isFalse();
        assertThat(LeftoverDatabases.isLeftOver(ofEndedProcess, true, false))
                .as("an interrupted drop is left over wherever it is")
                .isTrue();
        assertThat(LeftoverDatabases.owner(LeftoverDatabases.name("cafe0001"))).hasValue(ME);
    }

    @AfterEach
    void dropCreated() throws SQLException {
        for (String database : created) {
            sql("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private String create(String database) throws SQLException {
        sql("CREATE DATABASE " + database);
        created.add(database);
        return database;
    }

    private static List<String> existing() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(SERVER, TESTS.username(), TESTS.password());
                var rows = connection.createStatement().executeQuery("SELECT datname FROM pg_database")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private static void sql(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER, TESTS.username(), TESTS.password())) {
            connection.createStatement().execute(sql);
        }
    }
}
