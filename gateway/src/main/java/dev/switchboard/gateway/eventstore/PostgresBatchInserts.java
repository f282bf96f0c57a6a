package dev.switchboard.gateway.eventstore;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Lets PostgreSQL's driver send a batch of inserts as multi-row {@code INSERT}s ({@code reWriteBatchedInserts}): the
 * feed writer's group commit and the handshake's events, which Axon appends as one JDBC batch, then cost the server
 * one statement per batch instead of one per row. Set on the node's pool before it opens a connection, unless the
 * operator chose a value (a pool property, or the URL's parameter). Other databases (the embedded H2) are left alone.
 */
@Component
class PostgresBatchInserts implements BeanPostProcessor {

    static final String PROPERTY = "reWriteBatchedInserts";

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && applies(pool)) {
            pool.addDataSourceProperty(PROPERTY, "true");
        }
        return bean;
    }

    private static boolean applies(HikariDataSource pool) {
        String url = pool.getJdbcUrl();
        return url != null
                && url.startsWith("jdbc:postgresql:")
                && !url.contains(PROPERTY)
                && !pool.getDataSourceProperties().containsKey(PROPERTY);
    }
}
