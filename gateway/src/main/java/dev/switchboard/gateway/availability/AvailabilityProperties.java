package dev.switchboard.gateway.availability;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the node watches the database that holds its log ({@code switchboard.availability.*}).
 *
 * @param databaseProbeInterval pause between two {@code SELECT 1} probes; an outage or a recovery is noticed within
 *     about this interval plus the probe timeout (and plus Hikari's connection timeout while the database is down)
 * @param databaseProbeTimeout how long one probe may take before the database counts as unreachable (whole seconds)
 */
@ConfigurationProperties("switchboard.availability")
public record AvailabilityProperties(
        @DefaultValue("1s") Duration databaseProbeInterval,
        @DefaultValue("2s") Duration databaseProbeTimeout) {

    public AvailabilityProperties {
        if (databaseProbeInterval.isNegative() || databaseProbeInterval.isZero()) {
            throw new IllegalArgumentException("switchboard.availability.database-probe-interval must be positive");
        }
        if (databaseProbeTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("switchboard.availability.database-probe-timeout must be at least 1s");
        }
    }
}
