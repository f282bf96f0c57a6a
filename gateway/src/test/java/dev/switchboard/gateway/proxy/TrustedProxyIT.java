package dev.switchboard.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.support.HardenedNodeTest;
import org.junit.jupiter.api.Test;

/**
 * Behind the trusted proxy (127.0.0.1 on this node) the client is the address the proxy adds last to
 * {@code X-Forwarded-For}; what the client put there itself is not believed. That the per-address limits count the
 * forwarded address is what {@code UnauthenticatedSocketsIT} and {@code AuthFloodIT} rely on.
 */
class TrustedProxyIT extends HardenedNodeTest {

    @Test
    void theForwardedAddressIsRecorded() {
        String client = newAddress();

        assertThat(ForwardedAddresses.recordedAddress(port, client)).isEqualTo(client);
    }

    @Test
    void whatAClientForwardsItselfIsNotBelievedOnlyWhatTheProxyAdds() {
        String client = newAddress();

        // nginx's $proxy_add_x_forwarded_for appends the peer it saw to whatever the client sent
        assertThat(ForwardedAddresses.recordedAddress(port, "10.0.0.1, " + client))
                .isEqualTo(client);
    }
}
