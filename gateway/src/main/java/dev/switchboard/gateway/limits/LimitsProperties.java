package dev.switchboard.gateway.limits;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What one client may cost a node before it is refused ({@code switchboard.limits.*}).
 *
 * @param authFailures refused tokens from one address, or correctly signed but refused tokens of one user, that open
 *     the circuit: further {@code auth} frames and upgrades are closed with 4029 without checking anything
 * @param authFailureWindow the time within which that many failures open the circuit
 * @param authCooldown how long an open circuit refuses before it lets one trial attempt through
 * @param framesPerSecond client frames (of any type) one socket may send per second, on average
 * @param frameBurst client frames one socket may send at once; frames beyond the rate are answered rate_limited
 * @param unauthenticatedPerAddress sockets one address may hold open before they authenticate; more are closed 4029
 * @param upgradesPerSecond WebSocket upgrades one address may make per second, on average; beyond them and the burst
 *     an upgrade is refused with HTTP 429 and {@code Retry-After}, before anything is written
 * @param upgradeBurst upgrades one address may make at once
 * @param publishBatchEvents agent events one {@code POST /api/events} may carry; more are refused with 400
 * @param publishBatchBody the largest body of a {@code POST /api/events}; a larger one is refused with 413 unread
 * @param publishEventBody the largest body of a {@code POST /api/users/{userId}/events}; likewise
 */
@ConfigurationProperties("switchboard.limits")
public record LimitsProperties(
        @DefaultValue("5") int authFailures,
        @DefaultValue("60s") Duration authFailureWindow,
        @DefaultValue("30s") Duration authCooldown,
        @DefaultValue("20") int framesPerSecond,
        @DefaultValue("40") int frameBurst,
        @DefaultValue("50") int unauthenticatedPerAddress,
        @DefaultValue("10") int upgradesPerSecond,
        @DefaultValue("50") int upgradeBurst,
        @DefaultValue("1000") int publishBatchEvents,
        @DefaultValue("4MB") DataSize publishBatchBody,
        @DefaultValue("64KB") DataSize publishEventBody) {

    public LimitsProperties {
        positive("auth-failures", authFailures);
        positive("auth-failure-window (whole seconds)", (int)
                Math.min(authFailureWindow.toSeconds(), Integer.MAX_VALUE));
        positive("auth-cooldown (milliseconds)", (int) Math.min(authCooldown.toMillis(), Integer.MAX_VALUE));
        positive("frames-per-second", framesPerSecond);
        positive("frame-burst", frameBurst);
        positive("unauthenticated-per-address", unauthenticatedPerAddress);
        positive("upgrades-per-second", upgradesPerSecond);
        positive("upgrade-burst", upgradeBurst);
        positive("publish-batch-events", publishBatchEvents);
        bodySize("publish-batch-body", publishBatchBody);
        bodySize("publish-event-body", publishEventBody);
    }

    /** A body is read into one array before it is parsed. */
    private static void bodySize(String name, DataSize size) {
        if (size.toBytes() < 1 || size.toBytes() >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("switchboard.limits." + name + " must be 1B to under 2GB");
        }
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("switchboard.limits." + name + " must be at least 1");
        }
    }
}
