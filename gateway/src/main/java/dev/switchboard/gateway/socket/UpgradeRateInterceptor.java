package dev.switchboard.gateway.socket;

import dev.switchboard.gateway.limits.UpgradeRate;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Refuses an upgrade beyond its address's {@link UpgradeRate} with HTTP 429 and a {@code Retry-After} in whole seconds
 * (at least 1). It runs before the upgrade, so a refused client gets no socket, no {@code welcome} and no line in the
 * log: a flood of upgrade-and-drop from one address costs the log at most the rate's worth of connections.
 */
@Component
class UpgradeRateInterceptor implements HandshakeInterceptor {

    private static final long NANOS_PER_SECOND = Duration.ofSeconds(1).toNanos();

    private final UpgradeRate rate;

    UpgradeRateInterceptor(UpgradeRate rate) {
        this.rate = rate;
    }

    @Override
    public boolean beforeHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            Map<String, Object> attributes) {
        Optional<Duration> wait = rate.refusal(address(request.getRemoteAddress()));
        if (wait.isEmpty()) {
            return true;
        }
        long seconds = Math.max(1, (wait.get().toNanos() + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
        response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
        response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return false;
    }

    @Override
    public void afterHandshake(
            ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception exception) {
        // nothing to do once upgraded
    }

    /** The address the socket's own session will see, as {@link ConnectionSocketHandler} reads it. */
    private static String address(InetSocketAddress remote) {
        return remote == null || remote.getAddress() == null
                ? null
                : remote.getAddress().getHostAddress();
    }
}
