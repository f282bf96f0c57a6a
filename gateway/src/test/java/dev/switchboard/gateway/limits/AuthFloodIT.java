package dev.switchboard.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.gateway.support.HardenedNodeTest;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import dev.switchboard.query.registry.ConnectionRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Refused tokens from one address, or correctly signed but refused tokens of one user, open a circuit: the address's
 * new sockets and auth attempts (or the user's) are closed with 4029 without any work, until the circuit cools down.
 * The close's reason says which of the two circuits it was.
 */
class AuthFloodIT extends HardenedNodeTest {

    private static final String FROM_THIS_ADDRESS =
            "too many failed authentications from this address; wait before trying again";
    private static final String FOR_THIS_USER =
            "too many failed authentications for this user; wait before trying again";

    @Autowired
    ConnectionRegistry registry;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void refusedTokensFromOneAddressGetItsSocketsClosedWith4029UntilItCoolsDown() {
        String address = newAddress();
        try (TestSocket waiting = connectFrom(address)) {
            String waitingId = waiting.expect("welcome").path("connectionId").asText();
            for (int i = 0; i < AUTH_FAILURES; i++) {
                assertThat(authenticate(address, Tokens.signedWithOtherKey(Tokens.newUserId())))
                        .isEqualTo(4001);
            }

            try (TestSocket refused = connectFrom(address)) {
                assertThat(refused.nextOrClose())
                        .as("closed before a connection was opened")
                        .isEmpty();
                assertThat(refused.awaitClose()).isEqualTo(4029);
                assertThat(refused.awaitCloseReason()).isEqualTo(FROM_THIS_ADDRESS);
            }
            waiting.send(auth(Tokens.user(Tokens.newUserId())));
            assertThat(waiting.awaitClose())
                    .as("even a good token is not looked at")
                    .isEqualTo(4029);
            assertThat(waiting.awaitCloseReason()).isEqualTo(FROM_THIS_ADDRESS);
            await().atMost(TestSocket.WAIT).untilAsserted(() -> assertThat(
                            registry.find(waitingId).orElseThrow().closeReason())
                    .isEqualTo(CloseReason.RATE_LIMITED));
            assertThat(jdbc.queryForList(
                            "SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? "
                                    + "ORDER BY global_index",
                            String.class,
                            waitingId))
                    .as("no command but the close")
                    .extracting(type -> type.substring(type.lastIndexOf('.') + 1))
                    .containsExactly("ConnectionOpened", "ConnectionClosed");
        }
        try (TestSocket elsewhere = connectFrom(newAddress())) {
            elsewhere.authenticate(Tokens.user(Tokens.newUserId()));
        }

        await().atMost(AUTH_COOLDOWN.plus(TestSocket.WAIT))
                .pollInterval(AUTH_COOLDOWN.dividedBy(4))
                .until(() -> authenticate(address, Tokens.user(Tokens.newUserId())) == 0);
    }

    @Test
    void correctlySignedButRefusedTokensOfOneUserGetThatUserClosedWith4029FromAnyAddress() {
        String alice = Tokens.newUserId();
        for (int i = 0; i < AUTH_FAILURES; i++) {
            assertThat(authenticate(newAddress(), Tokens.expired(alice))).isEqualTo(4001);
        }

        try (TestSocket socket = connectFrom(newAddress())) {
            socket.expect("welcome");
            socket.send(auth(Tokens.user(alice)));
            assertThat(socket.awaitClose()).isEqualTo(4029);
            assertThat(socket.awaitCloseReason()).isEqualTo(FOR_THIS_USER);
        }
        assertThat(authenticate(newAddress(), Tokens.user(Tokens.newUserId()))).isZero();
    }

    @Test
    void tokensForgedInAUsersNameDoNotCountAgainstThatUser() {
        String bob = Tokens.newUserId();
        for (int i = 0; i < AUTH_FAILURES; i++) {
            assertThat(authenticate(newAddress(), Tokens.signedWithOtherKey(bob)))
                    .isEqualTo(4001);
        }

        assertThat(authenticate(newAddress(), Tokens.user(bob))).isZero();
    }

    /** Opens a socket from the address and sends {@code auth}: 0 when it gets ready, else the close code. */
    private int authenticate(String address, String token) {
        try (TestSocket socket = connectFrom(address)) {
            if (socket.nextOrClose().isEmpty()) {
                return socket.awaitClose();
            }
            socket.send(auth(token));
            var answer = socket.nextOrClose();
            return answer.isPresent() && answer.get().path("type").asText().equals("ready") ? 0 : socket.awaitClose();
        }
    }

    private static String auth(String token) {
        return "{\"type\":\"auth\",\"token\":\"" + token + "\"}";
    }
}
