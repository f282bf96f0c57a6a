package dev.switchboard.gateway.audit;

import dev.switchboard.audit.log.EventLog;
import dev.switchboard.audit.timeline.RegistryAt;
import dev.switchboard.audit.timeline.RegistryCheckpoints;
import dev.switchboard.audit.timeline.Timelines;
import dev.switchboard.audit.timeline.UserStreams;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The audit tools inside a node, on the node's own database: read-only views of the log for the HTTP API. They
 * replay in memory and never write, so they cannot disturb the live registry.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    @Bean
    EventLog eventLog(DataSource dataSource) {
        return new EventLog(dataSource);
    }

    /** A user's connections are found through the live registry's user index, then replayed from the log. */
    @Bean
    Timelines timelines(EventLog eventLog, DataSource dataSource) {
        return new Timelines(eventLog, UserStreams.registryTable(dataSource));
    }

    @Bean
    RegistryCheckpoints registryCheckpoints(DataSource dataSource) {
        return new RegistryCheckpoints(dataSource);
    }

    @Bean
    RegistryAt registryAt(EventLog eventLog, RegistryCheckpoints checkpoints) {
        return new RegistryAt(eventLog, checkpoints);
    }
}
