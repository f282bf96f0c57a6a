package dev.switchboard.gateway.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.support.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** The check reads the event table's own storage option from PostgreSQL, whatever the server's setting. */
class AutovacuumCheckIT {

    @Test
    void anEventTableWithAutovacuumOffIsFoundOnTheServer() throws SQLException {
        TestDatabase database = TestDatabase.fresh();
        try (Connection connection = database.connect()) {
            connection
                    .createStatement()
                    .execute("CREATE TABLE domain_event_entry (global_index bigint) WITH (autovacuum_enabled = false)");
            var dataSource = new SingleConnectionDataSource(connection, true);

            assertThat(AutovacuumCheck.warning(dataSource))
                    .hasValueSatisfying(warning -> assertThat(warning).contains("autovacuum"));
            // the server's own setting decides which sentence: either names what an operator has to change
            boolean serverOn = "on"
                    .equals(new org.springframework.jdbc.core.JdbcTemplate(dataSource)
                            .queryForObject("SELECT current_setting('autovacuum')", String.class));
            assertThat(AutovacuumCheck.warning(dataSource).orElseThrow())
                    .contains(serverOn ? "domain_event_entry has autovacuum_enabled = false" : "autovacuum = off");
        }
    }
}
