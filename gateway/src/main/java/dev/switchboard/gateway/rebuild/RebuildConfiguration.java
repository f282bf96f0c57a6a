package dev.switchboard.gateway.rebuild;

import dev.switchboard.audit.log.EventLog;
import dev.switchboard.audit.rebuild.RegistryRebuild;
import dev.switchboard.gateway.node.NodeIdentity;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The registry rebuild of a node. It reads the log through the node's {@link EventLog} bean when there is one, else
 * through its own: no second bean of that type is declared here, so whichever feature declares it owns it.
 */
@Configuration
class RebuildConfiguration {

    @Bean
    RegistryRebuilds registryRebuilds(
            DataSource dataSource,
            ObjectProvider<EventLog> eventLog,
            Clock clock,
            NodeIdentity node,
            RebuildProperties properties) {
        var settings = new RegistryRebuild.Settings(
                properties.batchSize(), properties.finalGap(), properties.lockTimeout(), properties.staleAfter());
        var rebuild =
                new RegistryRebuild(dataSource, eventLog.getIfUnique(() -> new EventLog(dataSource)), clock, settings);
        return new RegistryRebuilds(rebuild, node.id());
    }
}
