package dev.switchboard.gateway.cluster;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How nodes of one cluster watch each other and share the feed ({@code switchboard.cluster.*}).
 *
 * @param leaseRenewal how often a node renews its lease row
 * @param leaseDuration how long a lease lasts unrenewed; a node silent for longer is presumed dead and reaped
 * @param reaperInterval how often each node looks for expired leases; a ghost is reaped at most this long after expiry
 * @param catchUpInterval how often each socket is checked against its user's feed head, for lost announcements
 * @param listenerMaxBackoff the longest pause between attempts to reconnect the announcement listener to the database
 * @param closeCheckInterval how often the sockets a node holds are checked against the registry, for closes recorded
 *     on another node whose announcement was lost
 */
@ConfigurationProperties("switchboard.cluster")
public record ClusterProperties(
        @DefaultValue("3s") Duration leaseRenewal,
        @DefaultValue("15s") Duration leaseDuration,
        @DefaultValue("3s") Duration reaperInterval,
        @DefaultValue("5s") Duration catchUpInterval,
        @DefaultValue("5s") Duration listenerMaxBackoff,
        @DefaultValue("5s") Duration closeCheckInterval) {}
