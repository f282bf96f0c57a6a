package dev.switchboard.gateway.socket;

import dev.switchboard.gateway.availability.DatabaseAvailability;
import java.util.Map;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Refuses the upgrade with HTTP 503 and a Retry-After until the node can serve. The web server listens before the
 * application is ready (cold start) and after it stops being ready (shutdown); a socket accepted then would fail. The
 * database is asked too, not only readiness: readiness follows it, but Spring Boot's own start-up announcement could
 * land after an outage was noticed.
 */
@Component
class ReadinessInterceptor implements HandshakeInterceptor {

    private final ApplicationAvailability availability;
    private final DatabaseAvailability database;

    ReadinessInterceptor(ApplicationAvailability availability, DatabaseAvailability database) {
        this.availability = availability;
        this.database = database;
    }

    @Override
    public boolean beforeHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            Map<String, Object> attributes) {
        if (availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC && database.isAvailable()) {
            return true;
        }
        response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
        response.getHeaders().set("Retry-After", "1");
        return false;
    }

    @Override
    public void afterHandshake(
            ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception exception) {
        // nothing to do once upgraded
    }
}
