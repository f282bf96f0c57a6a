package dev.switchboard.gateway.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.switchboard.gateway.auth.DevelopmentTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Tokens for tests, signed like an issuer would sign them. {@link #SECRET} is the secret every test node trusts
 * ({@link PostgresIntegrationTest} sets it); the refused kinds are built with Nimbus directly, as an attacker would.
 */
public final class Tokens {

    /** The HS256 secret of test nodes: 46 bytes, above the 32-byte minimum. */
    public static final String SECRET = "switchboard-test-secret-0123456789-abcdefghijk";

    private static final String OTHER_SECRET = "a-secret-no-switchboard-node-trusts-0123456789";
    private static final Duration TTL = Duration.ofHours(1);

    private Tokens() {}

    /** A user id no other test uses, so tests sharing a database do not see each other's connections. */
    public static String newUserId() {
        return "user-" + UUID.randomUUID();
    }

    public static String user(String userId) {
        return withScopes(userId);
    }

    /** An operator's token: scope {@code admin}. */
    public static String admin() {
        return withScopes("operator", "admin");
    }

    /** An agent's token: scope {@code events:publish}. */
    public static String publisher() {
        return withScopes("agent", "events:publish");
    }

    public static String withScopes(String userId, String... scopes) {
        return DevelopmentTokens.mint(bytes(SECRET), userId, List.of(scopes), TTL, Instant.now());
    }

    /** Expired an hour ago, well beyond the clock skew a node allows. */
    public static String expired(String userId) {
        return DevelopmentTokens.mint(
                bytes(SECRET), userId, List.of(), TTL, Instant.now().minus(Duration.ofHours(2)));
    }

    public static String signedWithOtherKey(String userId) {
        return DevelopmentTokens.mint(bytes(OTHER_SECRET), userId, List.of(), TTL, Instant.now());
    }

    /** An unsigned token ({@code alg: none}) with valid claims: refused, whatever it claims. */
    public static String algNone(String userId) {
        return new PlainJWT(claims().subject(userId).build()).serialize();
    }

    /** Correctly signed and unexpired, but naming no user. */
    public static String withoutSub() {
        return signed(claims());
    }

    /** Correctly signed and naming its user, but valid forever: no {@code exp}. */
    public static String withoutExpiry(String userId) {
        return signed(new JWTClaimsSet.Builder().subject(userId).issueTime(new Date()));
    }

    /** The claims of a user token valid now for an hour ({@code sub}, {@code iat}, {@code exp}), to change and sign. */
    public static JWTClaimsSet.Builder claims(String userId) {
        return claims().subject(userId);
    }

    /** Signs these claims with {@link #SECRET}, as the issuer of every test node's tokens would. */
    public static String signed(JWTClaimsSet.Builder claims) {
        var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(new MACSigner(bytes(SECRET)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issueTime(Date.from(now)).expirationTime(Date.from(now.plus(TTL)));
    }

    private static byte[] bytes(String secret) {
        return secret.getBytes(StandardCharsets.UTF_8);
    }
}
