package dev.switchboard.gateway.proxy;

import org.apache.catalina.valves.RemoteIpValve;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Where the client's address comes from: the peer, unless the peer is one of the {@link TrustedProxies}, in which case
 * the last address its {@code X-Forwarded-For} adds (a client's own header, which the proxy appends to, is not
 * believed). Tomcat's {@code RemoteIpValve} does the work, for HTTP and WebSocket upgrades alike, before anything reads
 * the address: audits ({@code ConnectionOpened}) and every per-address limit.
 *
 * <p>Spring Boot's own switch, {@code server.forward-headers-strategy}, is refused: {@code native} believes any peer on
 * a private or loopback address (anyone on the same network), {@code framework} any peer at all.
 */
@Component
class ForwardedClientAddress implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    private final TrustedProxies proxies;
    private final ServerProperties server;

    ForwardedClientAddress(TrustedProxies proxies, ServerProperties server) {
        this.proxies = proxies;
        this.server = server;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        var strategy = server.getForwardHeadersStrategy();
        if (strategy != null && strategy != ServerProperties.ForwardHeadersStrategy.NONE) {
            throw new IllegalStateException(
                    "SERVER_FORWARD_HEADERS_STRATEGY=" + strategy.name().toLowerCase()
                            + " would believe X-Forwarded-For from "
                            + (strategy == ServerProperties.ForwardHeadersStrategy.NATIVE
                                    ? "any private or loopback address"
                                    : "any client")
                            + ". Leave it unset and name the load balancer's addresses in SWITCHBOARD_TRUSTED_PROXIES.");
        }
        // Boot adds a valve of its own for server.tomcat.remoteip.* or on a cloud platform it detects, believing every
        // private address; this one is the only one
        factory.getEngineValves().removeIf(RemoteIpValve.class::isInstance);
        if (proxies.none()) {
            return;
        }
        RemoteIpValve valve = new RemoteIpValve();
        valve.setRemoteIpHeader("X-Forwarded-For");
        valve.setInternalProxies(proxies.pattern());
        valve.setTrustedProxies(null);
        factory.addEngineValves(valve);
    }

    /** After Boot's own customizer, so that what it added is gone. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
