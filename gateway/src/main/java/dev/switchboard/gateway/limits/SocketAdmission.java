package dev.switchboard.gateway.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Decides, on the upgrade and before anything is written, whether a new socket may open: not while its address's
 * authentication circuit is open, and not beyond the address's quota of unauthenticated sockets. An admitted socket
 * gets its {@link SocketAllowance}.
 */
@Component
public class SocketAdmission {

    private static final Logger log = LoggerFactory.getLogger(SocketAdmission.class);

    private final AuthFailureCircuits circuits;
    private final LimitsProperties limits;
    /**
     * One semaphore per address with unauthenticated sockets. Weak values: each socket holds its address's semaphore
     * until it releases its slot, so a count is never dropped while a socket holds it, and an address without
     * sockets costs nothing once collected.
     */
    private final Cache<String, Semaphore> unauthenticated =
            Caffeine.newBuilder().weakValues().build();

    SocketAdmission(AuthFailureCircuits circuits, LimitsProperties limits) {
        this.circuits = circuits;
        this.limits = limits;
    }

    /**
     * @param remoteAddress the client's address; null when unknown (all such sockets share one quota)
     * @return the new socket's allowance
     * @throws LimitExceededException when the socket must be closed with 4029: the address's authentication circuit
     *     is open, or it holds its quota of unauthenticated sockets
     */
    public SocketAllowance admit(String remoteAddress) throws LimitExceededException {
        String address = remoteAddress == null ? "unknown" : remoteAddress;
        if (!circuits.admits(address)) {
            log.debug("refused a socket from {}: its authentication circuit is open", address);
            throw new LimitExceededException(Limit.ADDRESS_AUTH_FAILURES);
        }
        Semaphore slots = unauthenticated.get(address, ignored -> new Semaphore(limits.unauthenticatedPerAddress()));
        if (!slots.tryAcquire()) {
            log.debug(
                    "refused a socket from {}: {} of its sockets are not authenticated yet",
                    address,
                    limits.unauthenticatedPerAddress());
            throw new LimitExceededException(Limit.UNAUTHENTICATED_SOCKETS);
        }
        return new SocketAllowance(address, frameBucket(), slots);
    }

    /** A token bucket: a burst at once, refilled continuously at the rate. */
    private Bucket frameBucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(limits.frameBurst())
                        .refillGreedy(limits.framesPerSecond(), Duration.ofSeconds(1)))
                .build();
    }
}
