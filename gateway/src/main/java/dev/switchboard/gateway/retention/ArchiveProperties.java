package dev.switchboard.gateway.retention;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where this node's archive lives ({@code switchboard.archive.*}).
 *
 * @param dir the archive directory ({@code SWITCHBOARD_ARCHIVE_DIR}); required when retention is on, none by default
 */
@ConfigurationProperties("switchboard.archive")
public record ArchiveProperties(Path dir) {}
