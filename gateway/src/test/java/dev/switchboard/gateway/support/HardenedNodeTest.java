package dev.switchboard.gateway.support;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A node configured as a hardened deployment would be, with limits small enough to reach in a test: one allowed
 * origin, and behind a proxy (127.0.0.1, the only trusted one), so that each test plays clients from addresses of its own
 * with {@code X-Forwarded-For} while all of them really connect from 127.0.0.1. Test classes extending this share the node.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class HardenedNodeTest {

    public static final String ALLOWED_ORIGIN = "https://chat.example";
    /** Where every test client really connects from, playing the load balancer. */
    public static final String TRUSTED_PROXY = "127.0.0.1";

    public static final int AUTH_FAILURES = 3;
    public static final Duration AUTH_COOLDOWN = Duration.ofSeconds(2);
    public static final int FRAMES_PER_SECOND = 2;
    public static final int FRAME_BURST = 5;
    public static final int UNAUTHENTICATED_PER_ADDRESS = 3;
    /** The property a test class registers to give its node another quota of unauthenticated sockets per address. */
    protected static final String UNAUTHENTICATED_QUOTA_OVERRIDE = "switchboard.test.unauthenticated-per-address";

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void node(DynamicPropertyRegistry registry) {
        Map<String, String> properties = new LinkedHashMap<>(Nodes.properties());
        properties.put("switchboard.trusted-proxies", TRUSTED_PROXY);
        // the node's own upgrade rate per address, which each test's addresses stay within; UpgradeFloodIT sets its own
        properties.remove("switchboard.limits.upgrade-burst");
        properties.put("switchboard.gateway.allowed-origins", ALLOWED_ORIGIN);
        properties.put("switchboard.limits.auth-failures", Integer.toString(AUTH_FAILURES));
        properties.put("switchboard.limits.auth-cooldown", AUTH_COOLDOWN.toMillis() + "ms");
        properties.put("switchboard.limits.frames-per-second", Integer.toString(FRAMES_PER_SECOND));
        properties.put("switchboard.limits.frame-burst", Integer.toString(FRAME_BURST));
        // a subclass's own registration of a property loses to this class's, so a test class that needs another quota
        // registers UNAUTHENTICATED_QUOTA_OVERRIDE instead (UpgradeFloodIT)
        properties.put(
                "switchboard.limits.unauthenticated-per-address",
                "${" + UNAUTHENTICATED_QUOTA_OVERRIDE + ":" + UNAUTHENTICATED_PER_ADDRESS + "}");
        properties.forEach((name, value) -> registry.add(name, () -> value));
    }

    /** An address no other test of this JVM plays, from TEST-NET-2 (RFC 5737), which no real client has. */
    protected static String newAddress() {
        int next = ADDRESSES.incrementAndGet();
        return "198.51." + (100 + next / 250) + "." + (1 + next % 250);
    }

    /** A client connecting, through the proxy, from {@code address}. */
    protected TestSocket connectFrom(String address) {
        return TestSocket.connect(port, Map.of("X-Forwarded-For", address));
    }
}
