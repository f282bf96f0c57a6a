package dev.switchboard.gateway.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.gateway.support.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The registry lookups on the routing path are served by indexes. Sequential scans are switched off for the session so
 * that the plan shows whether an index can serve the query at all, whatever the table's size in the test.
 */
class RegistryIndexIT extends PostgresIntegrationTest {

    @Test
    void findingAConnectionByEitherIdUsesOneIndexPerIdAndNoBitmap() throws SQLException {
        assertThat(plan("(SELECT * FROM connection_registry WHERE final_id = 'a') UNION ALL "
                        + "(SELECT * FROM connection_registry WHERE preliminary_id = 'a') LIMIT 1"))
                .contains("Index Scan using connection_registry_final_id", "Index Scan using connection_registry_pkey")
                .doesNotContain("Bitmap");
    }

    @Test
    void listingAUsersReadyConnectionsUsesTheUserStateIndex() throws SQLException {
        assertThat(plan("SELECT * FROM connection_registry WHERE user_id = 'u' AND state = 'READY'"))
                .contains("connection_registry_user_state");
    }

    @Test
    void findingWhatADeadNodeLeftOpenUsesTheNodeStateIndex() throws SQLException {
        assertThat(plan("SELECT * FROM connection_registry WHERE node_id = 'n' "
                        + "AND state IN ('OPENED', 'AUTHENTICATED', 'READY') AND opened_at <= now()"))
                .contains("connection_registry_node_state");
    }

    @Test
    void findingWhichHeldSocketsWereClosedElsewhereUsesThePrimaryKey() throws SQLException {
        assertThat(plan("SELECT preliminary_id, state, close_reason FROM connection_registry "
                        + "WHERE preliminary_id IN ('a', 'b', 'c')"))
                .contains("connection_registry_pkey");
    }

    @Test
    void readingAStreamUsesTheEventTablesUniqueKey() throws SQLException {
        assertThat(plan("SELECT * FROM domain_event_entry WHERE aggregate_identifier = 'a' ORDER BY sequence_number"))
                .contains("domain_event_entry_stream");
    }

    private static String plan(String query) throws SQLException {
        try (Connection connection = TestDatabase.shared().connect();
                var statement = connection.createStatement()) {
            statement.execute("SET enable_seqscan = off");
            List<String> lines = new ArrayList<>();
            try (var result = statement.executeQuery("EXPLAIN " + query)) {
                while (result.next()) {
                    lines.add(result.getString(1));
                }
            }
            return String.join("\n", lines);
        }
    }
}
