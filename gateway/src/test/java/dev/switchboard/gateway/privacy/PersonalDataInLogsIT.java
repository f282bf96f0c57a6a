package dev.switchboard.gateway.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.gateway.support.HardenedNodeTest;
import dev.switchboard.gateway.support.Nodes;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * WARN lines name users and client addresses by a pseudonym unless the operator sets {@code
 * switchboard.privacy.log-personal-data}: here, the lines of a user's and an address's authentication circuit opening.
 */
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataInLogsIT extends HardenedNodeTest {

    private static final String OPENED = "too many failed authentications for ";

    @Test
    void byDefaultTheCircuitLinesNameNeitherTheAddressNorTheUser(CapturedOutput output) {
        String address = newAddress();
        String user = Tokens.newUserId();

        failAuthentication(port, address, user);

        await().atMost(TestSocket.WAIT).until(() -> output.getOut().contains(OPENED + "user#"));
        assertThat(warnings(output)).anyMatch(line -> line.contains(OPENED + "address#"));
        assertThat(output.getAll()).doesNotContain(address, user);
    }

    @Test
    void whenTheOperatorAsksForPersonalDataTheLinesNameThem(CapturedOutput output) {
        String address = newAddress();
        String user = Tokens.newUserId();
        try (var node = Nodes.node()
                .properties(
                        "switchboard.trusted-proxies=127.0.0.1",
                        "switchboard.limits.auth-failures=" + AUTH_FAILURES,
                        "switchboard.privacy.log-personal-data=true")
                .run()) {
            int nodePort = node.getEnvironment().getRequiredProperty("local.server.port", Integer.class);

            failAuthentication(nodePort, address, user);

            await().atMost(TestSocket.WAIT).until(() -> output.getOut().contains(OPENED + "user " + user));
            assertThat(warnings(output)).anyMatch(line -> line.contains(OPENED + "address " + address));
        }
    }

    /** Expired tokens of one user from one address, as many as open both circuits. */
    private static void failAuthentication(int nodePort, String address, String user) {
        for (int i = 0; i < AUTH_FAILURES; i++) {
            try (TestSocket socket = TestSocket.connect(nodePort, Map.of("X-Forwarded-For", address))) {
                socket.expect("welcome");
                socket.send("{\"type\":\"auth\",\"token\":\"" + Tokens.expired(user) + "\"}");
                assertThat(socket.awaitClose()).isEqualTo(4001);
            }
        }
    }

    private static java.util.List<String> warnings(CapturedOutput output) {
        return output.getOut().lines().filter(line -> line.contains(" WARN ")).toList();
    }
}
