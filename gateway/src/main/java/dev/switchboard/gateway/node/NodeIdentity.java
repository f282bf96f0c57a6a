package dev.switchboard.gateway.node;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * This node's id in the log and the registry: {@code SWITCHBOARD_NODE_ID}, or host name and port. With a random port
 * (0) a random suffix keeps two nodes on one host apart.
 */
@Component
public class NodeIdentity {

    private final String id;

    NodeIdentity(@Value("${switchboard.node-id:}") String configured, @Value("${server.port:8080}") int port) {
        if (!configured.isBlank()) {
            this.id = configured;
        } else {
            String suffix = port == 0 ? UUID.randomUUID().toString().substring(0, 8) : Integer.toString(port);
            this.id = hostName() + "-" + suffix;
        }
    }

    public String id() {
        return id;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
