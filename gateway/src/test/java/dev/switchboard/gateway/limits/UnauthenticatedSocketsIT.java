package dev.switchboard.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.gateway.support.HardenedNodeTest;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One address may hold only so many sockets that have not authenticated: the next is closed with 4029, whose reason
 * says so, and a slot frees up as soon as one of them authenticates or closes.
 */
class UnauthenticatedSocketsIT extends HardenedNodeTest {

    @Test
    void anAddressHoldsOnlySoManyUnauthenticatedSocketsAndOneThatAuthenticatesOrClosesFreesItsSlot() {
        String address = newAddress();
        List<TestSocket> waiting = new ArrayList<>();
        try {
            for (int i = 0; i < UNAUTHENTICATED_PER_ADDRESS; i++) {
                waiting.add(welcomed(connectFrom(address)));
            }
            assertRefused(address);
            welcomed(connectFrom(newAddress())).close();

            waiting.get(0).send("{\"type\":\"auth\",\"token\":\"" + Tokens.user(Tokens.newUserId()) + "\"}");
            waiting.get(0).expect("ready");
            waiting.add(welcomed(connectFrom(address)));
            assertRefused(address);

            waiting.get(1).close();
            await().atMost(TestSocket.WAIT).until(() -> {
                try (TestSocket next = connectFrom(address)) {
                    return next.nextOrClose().isPresent();
                }
            });
        } finally {
            waiting.forEach(TestSocket::close);
        }
    }

    private void assertRefused(String address) {
        try (TestSocket refused = connectFrom(address)) {
            assertThat(refused.nextOrClose()).isEmpty();
            assertThat(refused.awaitClose()).isEqualTo(4029);
            assertThat(refused.awaitCloseReason())
                    .isEqualTo("too many sockets from this address have not authenticated; authenticate or close one "
                            + "first");
        }
    }

    private static TestSocket welcomed(TestSocket socket) {
        socket.expect("welcome");
        return socket;
    }
}
