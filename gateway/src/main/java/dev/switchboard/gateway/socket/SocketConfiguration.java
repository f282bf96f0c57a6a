package dev.switchboard.gateway.socket;

import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.ServletWebSocketHandlerRegistry;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * Registers {@code /ws} with its readiness gate, its upgrade rate per address and allowed origins, and sizes what every socket holds while idle: the
 * container's frame buffers and the connector's read and write buffers (Tomcat's defaults would give each socket
 * about 40 KB of buffers, and a text buffer as large as the largest frame allowed).
 */
@Configuration
@EnableWebSocket
class SocketConfiguration implements WebSocketConfigurer {

    /** Binary frames are refused (1003) on their first part, so their buffer only needs to hold one. */
    private static final int BINARY_BUFFER = 128;

    private final ConnectionSocketHandler handler;
    private final ReadinessInterceptor readiness;
    private final UpgradeRateInterceptor upgradeRate;
    private final GatewayProperties properties;

    SocketConfiguration(
            ConnectionSocketHandler handler,
            ReadinessInterceptor readiness,
            UpgradeRateInterceptor upgradeRate,
            GatewayProperties properties) {
        this.handler = handler;
        this.readiness = readiness;
        this.upgradeRate = upgradeRate;
        this.properties = properties;
    }

    /**
     * {@code /ws}'s mapping is asked first. Every request is matched against the handler mappings twice (Spring
     * Security's request matching, then the dispatcher), in order; behind the API's request mappings an upgrade was
     * first compared with each of their patterns, which no exact path answers. In front of them, {@code /ws} is a map
     * look-up that every other request misses at once.
     */
    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        if (registry instanceof ServletWebSocketHandlerRegistry servletRegistry) {
            servletRegistry.setOrder(Ordered.HIGHEST_PRECEDENCE);
        }
        registry.addHandler(handler, "/ws")
                .setHandshakeHandler(new NotAnUpgrade())
                .addInterceptors(readiness, upgradeRate)
                .setAllowedOriginPatterns(properties.allowedOrigins().toArray(String[]::new));
    }

    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        var container = new ServletServerContainerFactoryBean();
        // frames longer than this arrive in parts (the handler takes partial messages) and are joined up to the limit
        container.setMaxTextMessageBufferSize((int) properties.textBufferSize().toBytes());
        container.setMaxBinaryMessageBufferSize(BINARY_BUFFER);
        container.setAsyncSendTimeout(properties.sendTimeLimit().toMillis());
        return container;
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> socketBuffers() {
        String size = Long.toString(properties.socketBufferSize().toBytes());
        return factory -> factory.addConnectorCustomizers(connector -> {
            connector.setProperty("socket.appReadBufSize", size);
            connector.setProperty("socket.appWriteBufSize", size);
        });
    }
}
