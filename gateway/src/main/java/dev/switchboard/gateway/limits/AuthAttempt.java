package dev.switchboard.gateway.limits;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.concurrent.TimeUnit;

/**
 * One {@code auth} frame let through the circuits; exactly one of its three outcomes must be reported. Only a trial
 * (a half-open circuit) records a success: while a circuit is closed, clients behind one address that authenticate
 * must not hide a flood of failures among them.
 */
public final class AuthAttempt {

    private final AuthFailureCircuits circuits;
    private final String address;
    private final CircuitBreaker byAddress;
    private final CircuitBreaker byUser;

    AuthAttempt(AuthFailureCircuits circuits, String address, CircuitBreaker byAddress, CircuitBreaker byUser) {
        this.circuits = circuits;
        this.address = address;
        this.byAddress = byAddress;
        this.byUser = byUser;
    }

    /** The token was accepted. */
    public void succeeded() {
        succeeded(byAddress);
        succeeded(byUser);
    }

    /**
     * The token was refused.
     *
     * @param signedUser the {@code sub} of a token whose signature was good but which was refused all the same
     *     (expired, say): held against that user too; null when the token proves nothing about its user
     */
    public void failed(String signedUser) {
        circuits.failed(AuthFailureCircuits.addressKey(address));
        if (signedUser != null) {
            circuits.failed(AuthFailureCircuits.userKey(signedUser));
        } else if (byUser != null) {
            byUser.releasePermission();
        }
    }

    /** The token could not be checked, through no fault of the client's (its key set was unreachable, say). */
    public void abandoned() {
        release(byAddress);
        release(byUser);
    }

    private static void succeeded(CircuitBreaker circuit) {
        if (circuit != null && circuit.getState() == CircuitBreaker.State.HALF_OPEN) {
            circuit.onSuccess(0, TimeUnit.NANOSECONDS);
        } else {
            release(circuit);
        }
    }

    private static void release(CircuitBreaker circuit) {
        if (circuit != null) {
            circuit.releasePermission();
        }
    }
}
