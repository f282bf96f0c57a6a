package dev.switchboard.gateway.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.gateway.support.HardenedNodeTest;
import dev.switchboard.gateway.support.Nodes;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code switchboard.privacy.client-address}: a node set to {@code truncated} records its clients' IPv4 /24 and IPv6
 * /48 networks in {@code ConnectionOpened}, one set to {@code none} records no address; read back from the event
 * table as an auditor would. ({@code full}, the default, is what every other test's node records.)
 */
class ClientAddressIT extends HardenedNodeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void truncated(DynamicPropertyRegistry registry) {
        registry.add("switchboard.privacy.client-address", () -> "truncated");
    }

    @Test
    void aTruncatingNodeRecordsTheClientsIpv4Slash24AndIpv6Slash48Network() throws Exception {
        assertThat(recordedAddress(port, "198.51.100.77")).isEqualTo("198.51.100.0/24");
        assertThat(recordedAddress(port, "2001:db8:abcd:12::1")).isEqualTo("2001:db8:abcd:0:0:0:0:0/48");
    }

    @Test
    void aNodeSetToNoneRecordsNoAddress() throws Exception {
        try (var node = Nodes.node()
                .properties("switchboard.trusted-proxies=127.0.0.1", "switchboard.privacy.client-address=none")
                .run()) {
            int nodePort = node.getEnvironment().getRequiredProperty("local.server.port", Integer.class);

            JsonNode opened = opened(nodePort, "198.51.100.78");

            assertThat(opened.has("remoteAddress")).isTrue();
            assertThat(opened.get("remoteAddress").isNull()).isTrue();
        }
    }

    private String recordedAddress(int nodePort, String clientAddress) throws Exception {
        return opened(nodePort, clientAddress).path("remoteAddress").asText();
    }

    /** The ConnectionOpened of a socket from {@code clientAddress} through the proxy, once it is ready. */
    private JsonNode opened(int nodePort, String clientAddress) throws Exception {
        try (TestSocket socket = TestSocket.connect(nodePort, Map.of("X-Forwarded-For", clientAddress))) {
            String connectionId = socket.expect("welcome").path("connectionId").asText();
            socket.send("{\"type\":\"auth\",\"token\":\"" + Tokens.user(Tokens.newUserId()) + "\"}");
            socket.expect("ready");
            byte[] payload = jdbc.queryForObject(
                    "SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0",
                    byte[].class,
                    connectionId);
            return JSON.readTree(new String(payload, StandardCharsets.UTF_8));
        }
    }
}
