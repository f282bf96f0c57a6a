package dev.switchboard.gateway.socket;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/** Registers {@code /ws} with its readiness gate and allowed origins, and sizes the container's frame buffers. */
@Configuration
@EnableWebSocket
class SocketConfiguration implements WebSocketConfigurer {

    /** Binary frames are refused (1003); a small buffer keeps a large one from costing memory first (1009). */
    private static final int BINARY_BUFFER = 1024;

    private final ConnectionSocketHandler handler;
    private final ReadinessInterceptor readiness;
    private final GatewayProperties properties;

    SocketConfiguration(ConnectionSocketHandler handler, ReadinessInterceptor readiness, GatewayProperties properties) {
        this.handler = handler;
        this.readiness = readiness;
        this.properties = properties;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, "/ws")
                .addInterceptors(readiness)
                .setAllowedOriginPatterns(properties.allowedOrigins().toArray(String[]::new));
    }

    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        var container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize((int) properties.maxFrameSize().toBytes());
        container.setMaxBinaryMessageBufferSize(BINARY_BUFFER);
        container.setAsyncSendTimeout(properties.sendTimeLimit().toMillis());
        return container;
    }
}
