package dev.switchboard.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.gateway.privacy.ClientAddress;
import dev.switchboard.gateway.privacy.PersonalData;
import dev.switchboard.gateway.privacy.PrivacyProperties;
import java.time.Duration;
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
        assertThat(circuits.attempt("10.0.0.1", null)).isEmpty();
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
        assertThat(circuits.attempt("10.0.4.1", "alice")).isEmpty();
        assertThat(circuits.admits("10.0.4.1"))
                .as("the address did nothing wrong")
                .isTrue();
    }

    @Test
    void afterTheCooldownOneTrialIsLetThroughAndItsOutcomeClosesOrReopensTheCircuit() {
        for (int i = 0; i < 3; i++) {
            attempt("10.0.5.1", null).failed(null);
        }
        AuthAttempt trial = await().atMost(Duration.ofSeconds(5))
                .until(() -> circuits.attempt("10.0.5.1", null).orElse(null), attempt -> attempt != null);
        assertThat(circuits.attempt("10.0.5.1", null)).as("one trial at a time").isEmpty();
        trial.failed(null);
        assertThat(circuits.attempt("10.0.5.1", null)).as("reopened").isEmpty();

        AuthAttempt second = await().atMost(Duration.ofSeconds(5))
                .until(() -> circuits.attempt("10.0.5.1", null).orElse(null), attempt -> attempt != null);
        second.succeeded();
        for (int i = 0; i < 2; i++) {
            attempt("10.0.5.1", null).failed(null);
        }
        assertThat(circuits.attempt("10.0.5.1", null))
                .as("closed again, with a fresh count")
                .isPresent();
    }

    private AuthAttempt attempt(String address, String claimedUser) {
        return circuits.attempt(address, claimedUser).orElseThrow();
    }
}
