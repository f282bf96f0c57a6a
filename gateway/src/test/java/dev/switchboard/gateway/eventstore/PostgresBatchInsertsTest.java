package dev.switchboard.gateway.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

class PostgresBatchInsertsTest {

    private final PostgresBatchInserts inserts = new PostgresBatchInserts();

    @Test
    void aPostgresPoolSendsBatchesAsMultiRowInserts() {
        HikariDataSource pool = pool("jdbc:postgresql://127.0.0.1:5432/switchboard");

        inserts.postProcessAfterInitialization(pool, "dataSource");

        assertThat(pool.getDataSourceProperties()).containsEntry("reWriteBatchedInserts", "true");
    }

    @Test
    void anOperatorsChoiceInTheUrlOrThePoolStands() {
        HikariDataSource inUrl = pool("jdbc:postgresql://127.0.0.1:5432/switchboard?reWriteBatchedInserts=false");
        HikariDataSource inPool = pool("jdbc:postgresql://127.0.0.1:5432/switchboard");
        inPool.addDataSourceProperty("reWriteBatchedInserts", "false");

        inserts.postProcessAfterInitialization(inUrl, "dataSource");
        inserts.postProcessAfterInitialization(inPool, "dataSource");

        assertThat(inUrl.getDataSourceProperties()).doesNotContainKey("reWriteBatchedInserts");
        assertThat(inPool.getDataSourceProperties()).containsEntry("reWriteBatchedInserts", "false");
    }

    @Test
    void theEmbeddedDatabaseIsLeftAlone() {
        HikariDataSource pool = pool("jdbc:h2:file:./data/switchboard;MODE=PostgreSQL");

        inserts.postProcessAfterInitialization(pool, "dataSource");

        assertThat(pool.getDataSourceProperties()).isEmpty();
    }

    private static HikariDataSource pool(String url) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        return pool;
    }
}
