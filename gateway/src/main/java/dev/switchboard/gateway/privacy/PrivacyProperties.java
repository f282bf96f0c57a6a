package dev.switchboard.gateway.privacy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much personal data a node keeps and prints ({@code switchboard.privacy.*}).
 *
 * @param clientAddress how much of a client's address each {@code ConnectionOpened} records, for good: {@code full},
 *     {@code truncated} (its IPv4 /24 or IPv6 /48 network) or {@code none}
 * @param logPersonalData whether WARN lines name user ids and client addresses; otherwise they carry a pseudonym that
 *     stays the same for the node's life, so that lines about one client can still be told apart
 */
@ConfigurationProperties("switchboard.privacy")
public record PrivacyProperties(
        @DefaultValue("full") ClientAddress clientAddress,
        @DefaultValue("false") boolean logPersonalData) {}
