package dev.switchboard.gateway.limits;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

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
 */
@ConfigurationProperties("switchboard.limits")
public record LimitsProperties(
        @DefaultValue("5") int authFailures,
        @DefaultValue("60s") Duration authFailureWindow,
        @DefaultValue("30s") Duration authCooldown,
        @DefaultValue("20") int framesPerSecond,
        @DefaultValue("40") int frameBurst,
        @DefaultValue("50") int unauthenticatedPerAddress) {

    public LimitsProperties {
        positive("auth-failures", authFailures);
        positive("auth-failure-window (whole seconds)", (int)
                Math.min(authFailureWindow.toSeconds(), Integer.MAX_VALUE));
        positive("auth-cooldown (milliseconds)", (int) Math.min(authCooldown.toMillis(), Integer.MAX_VALUE));
        positive("frames-per-second", framesPerSecond);
        positive("frame-burst", frameBurst);
        positive("unauthenticated-per-address", unauthenticatedPerAddress);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("switchboard.limits." + name + " must be at least 1");
        }
    }
}
