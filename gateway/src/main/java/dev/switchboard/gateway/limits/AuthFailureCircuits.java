package dev.switchboard.gateway.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.switchboard.gateway.privacy.PersonalData;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A Resilience4j circuit breaker per remote address and per user that has failed authentication. While closed a
 * circuit counts failures only, in a time window: {@code authFailures} of them open it, and the minimum number of
 * calls and a 100 % threshold make that exactly "N failures within the window". Open, it refuses every attempt until
 * the cool-down is over; then one trial attempt is let through, and its outcome closes or reopens the circuit.
 *
 * <p>Circuits exist only for keys that failed, in a bounded table: an idle circuit is dropped once its window and
 * cool-down have passed (its state no longer matters then), and a flood of addresses evicts the least used first.
 */
@Component
public class AuthFailureCircuits {

    private static final Logger log = LoggerFactory.getLogger(AuthFailureCircuits.class);
    /** A circuit keeps a bucket per second of its window, a few KiB: ten thousand stay within tens of MiB. */
    private static final int MAX_CIRCUITS = 10_000;

    private static final String ADDRESS = "address ";
    private static final String USER = "user ";

    private final CircuitBreakerConfig config;
    private final Duration cooldown;
    private final PersonalData personalData;
    private final Cache<String, CircuitBreaker> circuits;

    AuthFailureCircuits(LimitsProperties limits, PersonalData personalData) {
        this.personalData = personalData;
        this.config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
                .slidingWindowSize((int) limits.authFailureWindow().toSeconds())
                .minimumNumberOfCalls(limits.authFailures())
                .failureRateThreshold(100)
                .waitDurationInOpenState(limits.authCooldown())
                .permittedNumberOfCallsInHalfOpenState(1)
                .build();
        this.cooldown = limits.authCooldown();
        this.circuits = Caffeine.newBuilder()
                .maximumSize(MAX_CIRCUITS)
                .expireAfterAccess(limits.authFailureWindow().plus(limits.authCooldown()))
                .build();
    }

    /** Whether a new socket from this address may open; false while the address's circuit is open. */
    public boolean admits(String address) {
        CircuitBreaker circuit = circuits.getIfPresent(addressKey(address));
        if (circuit == null) {
            return true;
        }
        if (!circuit.tryAcquirePermission()) {
            return false;
        }
        circuit.releasePermission(); // an upgrade is not an attempt: the trial is left to the next auth frame
        return true;
    }

    /**
     * @param claimedUser the {@code sub} the token claims, unverified; only used to find that user's circuit
     * @return the attempt, to be reported on
     * @throws LimitExceededException while the address's circuit ({@link Limit#ADDRESS_AUTH_FAILURES}) or the user's
     *     ({@link Limit#USER_AUTH_FAILURES}) is open
     */
    public AuthAttempt attempt(String address, String claimedUser) throws LimitExceededException {
        CircuitBreaker byAddress = circuits.getIfPresent(addressKey(address));
        if (byAddress != null && !byAddress.tryAcquirePermission()) {
            throw new LimitExceededException(Limit.ADDRESS_AUTH_FAILURES);
        }
        CircuitBreaker byUser = claimedUser == null ? null : circuits.getIfPresent(userKey(claimedUser));
        if (byUser != null && !byUser.tryAcquirePermission()) {
            if (byAddress != null) {
                byAddress.releasePermission();
            }
            throw new LimitExceededException(Limit.USER_AUTH_FAILURES);
        }
        return new AuthAttempt(this, address, byAddress, byUser);
    }

    /** Circuits refusing attempts now; one in its cool-down still counts until an attempt finds it over. */
    public long openCircuits() {
        return circuits.asMap().values().stream()
                .filter(circuit -> circuit.getState() == CircuitBreaker.State.OPEN)
                .count();
    }

    /** Records a failure on the key's circuit, creating it on the key's first failure. */
    void failed(String key) {
        circuits.get(key, this::newCircuit).onError(0, TimeUnit.NANOSECONDS, AuthFailure.INSTANCE);
    }

    static String addressKey(String address) {
        return ADDRESS + address;
    }

    static String userKey(String userId) {
        return USER + userId;
    }

    /** The key as a WARN line may name it. */
    private String named(String key) {
        return key.startsWith(ADDRESS)
                ? personalData.address(key.substring(ADDRESS.length()))
                : personalData.user(key.substring(USER.length()));
    }

    private CircuitBreaker newCircuit(String key) {
        CircuitBreaker circuit = CircuitBreaker.of(key, config);
        circuit.getEventPublisher().onStateTransition(event -> {
            if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                log.warn(
                        "too many failed authentications for {}: its auth attempts and upgrades are closed with 4029 "
                                + "for {}",
                        named(key),
                        cooldown);
            }
        });
        return circuit;
    }

    /** What a circuit records for a refused token; carries nothing, so it costs no stack trace. */
    static final class AuthFailure extends RuntimeException {
        static final AuthFailure INSTANCE = new AuthFailure();

        private AuthFailure() {
            super("authentication failed", null, false, false);
        }
    }
}
