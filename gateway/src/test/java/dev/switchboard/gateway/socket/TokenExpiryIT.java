package dev.switchboard.gateway.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.TokenRulesNodeTest;
import dev.switchboard.gateway.support.Tokens;
import dev.switchboard.query.registry.ConnectionRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A token that runs out on a live socket closes it with 4001 (TOKEN_EXPIRED), unless a fresh auth for the same user
 * came first, and not before its {@code exp} plus the clock skew: the token check accepts a token that long, so the
 * socket keeps it that long too (on this node 5 s).
 */
class TokenExpiryIT extends TokenRulesNodeTest {

    /** The expiry timer beats once a second; the close may come that much after exp plus the skew, and then some. */
    private static final Duration CLOSE_WAIT = CLOCK_SKEW.plus(TestSocket.WAIT);

    @Autowired
    ConnectionRegistry registry;

    @Test
    void aTokenExpiringOnALiveSocketClosesItWith4001OnceTheSkewHasRunOut() {
        String user = Tokens.newUserId();
        Instant expiresAt = inWholeSeconds(2);
        try (TestSocket socket = TestSocket.connect(port)) {
            String finalId = socket.authenticate(tokenExpiringAt(user, expiresAt))
                    .path("connectionId")
                    .asText();
            // the expiry timer agrees with the check that accepted the token: not closed at the next beat
            assertThat(socket.awaitClose(CLOSE_WAIT)).isEqualTo(4001);
            var row = registry.find(finalId).orElseThrow();
            assertThat(row.closeReason()).isEqualTo(CloseReason.TOKEN_EXPIRED);
            assertThat(row.closedAt()).isAfterOrEqualTo(expiresAt.plus(CLOCK_SKEW));
        }
    }

    @Test
    void aTokenThatExpiredWithinTheSkewIsAcceptedAndKeptUntilTheSkewRunsOut() {
        String user = Tokens.newUserId();
        Instant expiresAt = inWholeSeconds(-1);
        try (TestSocket socket = TestSocket.connect(port)) {
            String finalId = socket.authenticate(tokenExpiringAt(user, expiresAt))
                    .path("connectionId")
                    .asText();

            assertThat(socket.awaitClose(CLOSE_WAIT)).isEqualTo(4001);
            var row = registry.find(finalId).orElseThrow();
            assertThat(row.closeReason()).isEqualTo(CloseReason.TOKEN_EXPIRED);
            assertThat(row.closedAt()).isAfterOrEqualTo(expiresAt.plus(CLOCK_SKEW));
        }
    }

    @Test
    void aFreshAuthBeforeExpiryKeepsTheSocketOpen() {
        String user = Tokens.newUserId();
        Instant firstExpiry = inWholeSeconds(2);
        try (TestSocket socket = TestSocket.connect(port)) {
            String finalId = socket.authenticate(tokenExpiringAt(user, firstExpiry))
                    .path("connectionId")
                    .asText();
            socket.send("{\"type\":\"auth\",\"token\":\"" + token(user) + "\"}");
            socket.expect("ready");

            // the first token's expiry, skew included, passes a beat ago; the socket must still answer
            Instant past = firstExpiry.plus(CLOCK_SKEW).plusSeconds(2);
            await().atMost(CLOSE_WAIT).until(() -> Instant.now().isAfter(past));
            socket.send("{\"type\":\"ping\"}");
            socket.expect("pong");
            assertThat(socket.isClosed()).isFalse();
            assertThat(registry.find(finalId).orElseThrow().state()).isEqualTo(ConnectionState.READY);
        }
    }

    private static String tokenExpiringAt(String user, Instant expiresAt) {
        return Tokens.signed(claims(user)
                .issueTime(Date.from(expiresAt.minus(Duration.ofMinutes(10))))
                .expirationTime(Date.from(expiresAt)));
    }

    /** A JWT's times are whole seconds: so is this one, so that the test knows the exp the node reads. */
    private static Instant inWholeSeconds(long fromNow) {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(fromNow);
    }
}
