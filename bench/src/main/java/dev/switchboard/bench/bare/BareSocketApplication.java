package dev.switchboard.bench.bare;

import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.web.embedded.EmbeddedWebServerFactoryCustomizerAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.websocket.servlet.WebSocketServletAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;

/**
 * The floor of any Spring gateway: the same embedded Tomcat and Spring WebSocket stack as the node, with a handler
 * that keeps no state and does no work. Only the web server's auto-configuration is imported, not the whole class
 * path's: the gateway's classes are on it, and a floor must not start a database pool, Flyway or Axon. The push floor
 * ({@link BarePushApplication}) is this one with a {@link SocketUsers} that keeps each user's sockets. No class of the
 * floors carries a component stereotype ({@code @Configuration}, {@code @SpringBootConfiguration},
 * {@code @RestController}): the node scans all of {@code dev.switchboard}, and an in-process node (the lifecycle and
 * big-log steps) would otherwise pick the floors' beans up.
 */
@ImportAutoConfiguration({
    ServletWebServerFactoryAutoConfiguration.class,
    DispatcherServletAutoConfiguration.class,
    EmbeddedWebServerFactoryCustomizerAutoConfiguration.class,
    WebSocketServletAutoConfiguration.class
})
@EnableWebSocket
public class BareSocketApplication {

    public static void main(String[] args) {
        run(BareSocketApplication.class, args);
    }

    static void run(Class<?> application, String[] args) {
        // the gateway's SocketBufferSizes is on the class path and would shrink Tomcat's buffers; the floor keeps
        // Tomcat's defaults (8 KB), so it stands for what a stock Spring handler costs
        System.setProperty("org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE", "8192");
        var spring = new SpringApplication(application);
        // the gateway's application.yml is on the class path too; the floor reads none of it, except Tomcat's
        // connection cap, raised as the node's is: at Boot's 8,192 the capacity step's 18,000 level stalls
        spring.setDefaultProperties(
                Map.of("spring.config.name", "bench-bare", "server.tomcat.max-connections", "65536"));
        spring.run(args);
    }

    @Bean
    WebSocketConfigurer bareEndpoint(ObjectProvider<SocketUsers> users) {
        var handler = new BareHandler(users.getIfAvailable(() -> SocketUsers.ANYONE));
        return registry -> registry.addHandler(handler, "/ws").setAllowedOrigins("*");
    }
}
