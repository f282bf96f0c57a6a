package dev.switchboard.gateway.audit;

import dev.switchboard.audit.log.EventLog;
import dev.switchboard.audit.timeline.RegistryAt;
import dev.switchboard.audit.timeline.RegistryCheckpoints;
import dev.switchboard.audit.timeline.Timelines;
import dev.switchboard.audit.timeline.UserStreams;
import dev.switchboard.query.history.ConnectionHistory;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The audit tools inside a node, on the node's own database: read-only views of the log for the HTTP API. They
 * replay in memory and never write, so they cannot disturb the live registry.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    /** With {@code SWITCHBOARD_ARCHIVE_DIR} set, the archive under it and the table are read as one log. */
    @Bean
    EventLog eventLog(DataSource dataSource, @Value("${switchboard.archive.dir:}") String archive) {
        return new EventLog(dataSource, archive.isBlank() ? null : Path.of(archive));
    }

    /** A connection's history as stored, from the archive too when the node has one. */
    @Bean
    StoredHistory storedHistory(ConnectionHistory live, @Value("${switchboard.archive.dir:}") String archive) {
        return new StoredHistory(live, archive.isBlank() ? null : Path.of(archive));
    }

    /** Tells a caller of a history or a timeline which archived events a node without an archive cannot show. */
    @Bean
    ArchiveNotice archiveNotice(EventLog eventLog, @Value("${switchboard.archive.dir:}") String archive) {
        return new ArchiveNotice(eventLog, !archive.isBlank());
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
