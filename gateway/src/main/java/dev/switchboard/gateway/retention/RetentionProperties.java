package dev.switchboard.gateway.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Automatic retention ({@code switchboard.retention.*}): what the node moves out of the live table into the archive.
 *
 * @param feed agent feed events older than this are archived (each feed's newest stays); null keeps them forever
 * @param connections connections closed longer ago than this are archived whole; null keeps them forever
 * @param idempotencyKeys the feed's idempotency keys stored longer ago than this are deleted (a retry under one is
 *     then appended anew); null keeps them forever. Needs no archive: a key is not an event
 * @param interval how often a node looks for what to archive (one node of the cluster at a time does it)
 * @param rate rows archived per second at most, so a run never competes with live traffic for the database
 */
@ConfigurationProperties("switchboard.retention")
public record RetentionProperties(
        Duration feed,
        Duration connections,
        Duration idempotencyKeys,
        @DefaultValue("1m") Duration interval,
        @DefaultValue("2000") double rate) {

    /** Whether events are archived: a feed or a connections period is set. */
    public boolean enabled() {
        return feed != null || connections != null;
    }

    /** Whether this node does anything at all each interval: archive events, delete old idempotency keys, or both. */
    boolean anything() {
        return enabled() || idempotencyKeys != null;
    }
}
