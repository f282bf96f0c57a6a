package dev.switchboard.gateway.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A Bucket4j token bucket of WebSocket upgrades per client address: a burst at once, refilled continuously at the
 * rate. Every upgrade that is let through costs the log at least one commit (its open and close), so this is asked
 * before the upgrade, while a refusal is still an HTTP answer that writes nothing.
 *
 * <p>Buckets live in a bounded table. An idle bucket is dropped once it would have refilled whole, when it no longer
 * differs from a new one; past the table's size the least used go first, and their addresses start again full.
 */
@Component
public class UpgradeRate {

    /** A bucket and its key take a few hundred bytes: this many stay within a few MiB. */
    private static final int MAX_ADDRESSES = 20_000;

    private final LimitsProperties limits;
    private final Cache<String, Bucket> buckets;

    UpgradeRate(LimitsProperties limits) {
        this.limits = limits;
        Duration refilled = Duration.ofMillis(1000L * limits.upgradeBurst() / limits.upgradesPerSecond() + 1000);
        this.buckets = Caffeine.newBuilder()
                .maximumSize(MAX_ADDRESSES)
                .expireAfterAccess(refilled)
                .build();
    }

    /**
     * Takes one upgrade from the address's bucket.
     *
     * @param remoteAddress the client's address; null when unknown (all such clients share one bucket)
     * @return empty when the upgrade may go on; otherwise how long the address must wait for its next one
     */
    public Optional<Duration> refusal(String remoteAddress) {
        String address = remoteAddress == null ? "unknown" : remoteAddress;
        ConsumptionProbe probe = buckets.get(address, ignored -> newBucket()).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(limits.upgradeBurst())
                        .refillGreedy(limits.upgradesPerSecond(), Duration.ofSeconds(1)))
                .build();
    }
}
