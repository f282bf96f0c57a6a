package dev.switchboard.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.support.Nodes;
import dev.switchboard.gateway.support.TestSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A node behind a load balancer at 203.0.113.7, reached directly from 127.0.0.1, a loopback peer that Boot's
 * {@code native} strategy would have believed: whatever {@code X-Forwarded-For} it sends, the node records and limits
 * it by its real address.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UntrustedPeerIT {

    private static final int UNAUTHENTICATED_PER_ADDRESS = 3;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void node(DynamicPropertyRegistry registry) {
        Nodes.properties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("switchboard.trusted-proxies", () -> "203.0.113.7");
        registry.add(
                "switchboard.limits.unauthenticated-per-address", () -> Integer.toString(UNAUTHENTICATED_PER_ADDRESS));
    }

    @Test
    void aPeerThatIsNoTrustedProxyIsRecordedWithItsRealAddress() {
        assertThat(ForwardedAddresses.recordedAddress(port, "198.51.100.77")).isEqualTo("127.0.0.1");
        assertThat(ForwardedAddresses.recordedAddress(port, "203.0.113.7")).isEqualTo("127.0.0.1");
    }

    @Test
    void aPeerThatIsNoTrustedProxyIsCountedForLimitsByItsRealAddress() {
        List<TestSocket> waiting = new ArrayList<>();
        try {
            for (int i = 0; i < UNAUTHENTICATED_PER_ADDRESS; i++) {
                TestSocket socket = TestSocket.connect(port, Map.of("X-Forwarded-For", "198.51.100." + (10 + i)));
                socket.expect("welcome");
                waiting.add(socket);
            }
            try (TestSocket fourth = TestSocket.connect(port, Map.of("X-Forwarded-For", "198.51.100.99"))) {
                assertThat(fourth.nextOrClose())
                        .as("refused before its welcome")
                        .isEmpty();
                assertThat(fourth.awaitClose()).isEqualTo(4029);
            }
        } finally {
            waiting.forEach(TestSocket::close);
        }
    }
}
