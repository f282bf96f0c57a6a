package dev.switchboard.gateway.socket;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Tomcat's WebSocket frame codec gives every socket a read buffer, a write buffer and an encoder buffer of
 * {@code org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE} bytes (8 KB each by default), read once from a system
 * property when the codec's first class loads. This sets it from {@code switchboard.gateway.socket-buffer-size} before
 * the web server starts; a value given with {@code -D} on the command line wins.
 */
public class SocketBufferSizes implements EnvironmentPostProcessor {

    static final String TOMCAT_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (System.getProperty(TOMCAT_PROPERTY) != null) {
            return;
        }
        GatewayProperties gateway =
                Binder.get(environment).bindOrCreate("switchboard.gateway", GatewayProperties.class);
        System.setProperty(
                TOMCAT_PROPERTY, Long.toString(gateway.socketBufferSize().toBytes()));
    }
}
