package dev.switchboard.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.gateway.privacy.ClientAddress;
import dev.switchboard.gateway.privacy.PersonalData;
import dev.switchboard.gateway.privacy.PrivacyProperties;
import java.time.Duration;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The circuits' arithmetic: N failures in the window open one; it cools down; its trial closes or reopens it. */
class AuthFailureCircuitsTest {

    private static final Duration COOLDOWN = Duration.ofMillis(200);

    private final AuthFailureCircuits circuits = new AuthFailureCircuits(
            new LimitsProperties(
                    3,
                    Duration.ofSeconds(60),
                    COOLDOWN,
                    20,
                    40,
                    50,
                    10,
                    50,
                    1000,
                    DataSize.ofMegabytes(4),
                    DataSize.ofKilobytes(64)),
            new PersonalData(new PrivacyProperties(ClientAddress.FULL, false)));

    @Test
    void theNthFailureFromAnAddressOpensItsCircuitAndSuccessesBetweenDoNotHideThem() {
        for (int i = 0; i < 3; i++) {
            attempt("10.0.0.1", null).succeeded();
            attempt("10.0.0.1", null).failed(null);
        }
        assertThat(refusal("10.0.0.1", null)).isEqualTo(Limit.ADDRESS_AUTH_FAILURES);
        assertThat(circuits.admits("10.0.0.1")).isFalse();
        assertThat(circuits.admits("10.0.0.2")).isTrue();
    }

    @Test
    void aUsersCircuitCountsOnlyCorrectlySignedTokensAndAppliesFromAnyAddress() {
        for (int i = 0; i < 3; i++) {
            attempt("10.0.1." + i, "mallory").failed(null); // forged: says nothing about mallory
        }
        attempt("10.0.2.1", "mallory").succeeded();
        for (int i = 0; i < 3; i++) {
            attempt("10.0.3." + i, "alice").failed("alice");
        }
        assertThat(refusal("10.0.4.1", "alice")).isEqualTo(Limit.USER_AUTH_FAILURES);
        assertThat(circuits.admits("10.0.4.1"))
                .as("the address did nothing wrong")
                .isTrue();
    }

    @Test
    void afterTheCooldownOneTrialIsLetThroughAndItsOutcomeClosesOrReopensTheCircuit() {
        for (int i = 0; i < 3; i++) {
            attempt("10.0.5.1", null).failed(null);
        }
        AuthAttempt trial =
                await().atMost(Duration.ofSeconds(5)).until(() -> attemptOrNull("10.0.5.1"), Objects::nonNull);
        assertThat(refusal("10.0.5.1", null)).as("one trial at a time").isNotNull();
        trial.failed(null);
        assertThat(refusal("10.0.5.1", null)).as("reopened").isNotNull();

        AuthAttempt second =
                await().atMost(Duration.ofSeconds(5)).until(() -> attemptOrNull("10.0.5.1"), Objects::nonNull);
        second.succeeded();
        for (int i = 0; i < 2; i++) {
            attempt("10.0.5.1", null).failed(null);
        }
        assertThat(refusal("10.0.5.1", null))
                .as("closed again, with a fresh count")
                .isNull();
    }

    private AuthAttempt attempt(String address, String claimedUser) {
        try {
            return circuits.attempt(address, claimedUser);
        } catch (LimitExceededException e) {
            throw new AssertionError("refused by " + e.limit(), e);
        }
    }

    private AuthAttempt attemptOrNull(String address) {
        try {
            return circuits.attempt(address, null);
        } catch (LimitExceededException e) {
            return null;
        }
    }

    /** The limit that refuses the attempt, or null when it is let through (and then abandoned). */
    private Limit refusal(String address, String claimedUser) {
        try {
            circuits.attempt(address, claimedUser).abandoned();
            return null;
        } catch (LimitExceededException e) {
            return e.limit();
        }
    }
}
