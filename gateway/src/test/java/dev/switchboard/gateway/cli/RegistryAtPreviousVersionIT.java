package dev.switchboard.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * {@code registry-at} pointed at a database that only a node of the previous version has migrated (no V10, so no
 * checkpoints this version reads): it replays from the beginning of the log and says so, rather than failing on a
 * missing table.
 */
class RegistryAtPreviousVersionIT {

    @Test
    void withoutThisVersionsCheckpointsItReplaysFromTheBeginningAndSaysSo() {
        TestDatabase database = TestDatabase.fresh();
        Flyway.configure()
                .dataSource(database.jdbcUrl(), database.username(), database.password())
                .locations("classpath:db/migration")
                .target("9")
                .load()
                .migrate();

        Cli cli = Cli.runOn(database, "registry-at", "--position", "1");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.err()).contains("no registry checkpoints of this version");
        assertThat(cli.out()).contains("registry at position 0");
    }
}
