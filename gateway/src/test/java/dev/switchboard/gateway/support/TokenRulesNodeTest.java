package dev.switchboard.gateway.support;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Duration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A node whose tokens must name an issuer and an audience, live at most {@link #MAX_LIFETIME}, with a
 * {@link #CLOCK_SKEW} short enough to wait out in a test. Test classes extending this share the node.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class TokenRulesNodeTest {

    public static final String ISSUER = "https://login.switchboard.test";
    public static final String AUDIENCE = "switchboard-test";
    public static final Duration MAX_LIFETIME = Duration.ofHours(2);
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void node(DynamicPropertyRegistry registry) {
        Nodes.properties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("switchboard.jwt.issuer", () -> ISSUER);
        registry.add("switchboard.jwt.audience", () -> AUDIENCE);
        registry.add("switchboard.jwt.max-lifetime", MAX_LIFETIME::toString);
        registry.add("switchboard.jwt.clock-skew", CLOCK_SKEW::toString);
    }

    /** The claims of a token this node accepts: a user's, valid now for an hour, from its issuer for its audience. */
    protected static JWTClaimsSet.Builder claims(String userId) {
        return Tokens.claims(userId).issuer(ISSUER).audience(AUDIENCE);
    }

    protected static String token(String userId) {
        return Tokens.signed(claims(userId));
    }
}
