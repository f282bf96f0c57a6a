package dev.switchboard.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Pattern;
import org.apache.catalina.valves.RemoteIpValve;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;

/** Which peers' {@code X-Forwarded-For} a node believes: exactly the configured addresses, no range, nobody by default. */
class TrustedProxiesTest {

    @Test
    void onlyTheListedAddressesMatchNotTheirNeighboursNorAnyPrivateRange() {
        var proxies = new TrustedProxies(List.of(" 172.28.0.10 ", "::1"));
        Pattern pattern = Pattern.compile(proxies.pattern());

        assertThat(proxies.trustedProxies()).containsExactly("172.28.0.10", "0:0:0:0:0:0:0:1");
        assertThat(pattern.matcher("172.28.0.10").matches()).isTrue();
        assertThat(pattern.matcher("0:0:0:0:0:0:0:1").matches())
                .as("as Tomcat writes ::1")
                .isTrue();
        for (String other :
                List.of("172.28.0.1", "172.28.0.100", "172.28.0.10.5", "10.0.0.1", "192.168.1.1", "127.0.0.1")) {
            assertThat(pattern.matcher(other).matches()).as(other).isFalse();
        }
    }

    @Test
    void noneIsTheDefault() {
        assertThat(new TrustedProxies(List.of()).none()).isTrue();
        assertThat(new TrustedProxies(List.of("", " ")).none()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"load-balancer", "10.0.0.0/8", "10.0.0", "999.1.1.1", "fe80::1::2"})
    void aHostNameARangeOrGarbageIsRefusedAtStart(String entry) {
        assertThatThrownBy(() -> new TrustedProxies(List.of(entry)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("switchboard.trusted-proxies")
                .hasMessageContaining("is not an IP address");
    }

    @Test
    void theNodesValveBelievesOnlyThoseProxiesAndReplacesAnyOtherRemoteIpValve() {
        var factory = new TomcatServletWebServerFactory();
        factory.addEngineValves(new RemoteIpValve()); // Tomcat's default believes every private address
        var proxies = new TrustedProxies(List.of("172.28.0.10"));

        new ForwardedClientAddress(proxies, new ServerProperties()).customize(factory);

        assertThat(factory.getEngineValves()).singleElement().isInstanceOfSatisfying(RemoteIpValve.class, valve -> {
            assertThat(valve.getInternalProxies()).isEqualTo(proxies.pattern());
            assertThat(valve.getTrustedProxies()).isNull();
        });
    }

    @Test
    void withNoProxyThereIsNoValveAtAll() {
        var factory = new TomcatServletWebServerFactory();
        factory.addEngineValves(new RemoteIpValve());

        new ForwardedClientAddress(new TrustedProxies(List.of()), new ServerProperties()).customize(factory);

        assertThat(factory.getEngineValves()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(
            value = ServerProperties.ForwardHeadersStrategy.class,
            names = {"NATIVE", "FRAMEWORK"})
    void bootsOwnForwardedHeaderStrategiesAreRefusedWithWhatToSetInstead(
            ServerProperties.ForwardHeadersStrategy strategy) {
        var server = new ServerProperties();
        server.setForwardHeadersStrategy(strategy);

        assertThatThrownBy(() -> new ForwardedClientAddress(new TrustedProxies(List.of()), server)
                        .customize(new TomcatServletWebServerFactory()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(
                        "SERVER_FORWARD_HEADERS_STRATEGY=" + strategy.name().toLowerCase())
                .hasMessageContaining("SWITCHBOARD_TRUSTED_PROXIES");
    }
}
