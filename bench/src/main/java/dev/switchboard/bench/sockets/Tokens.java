package dev.switchboard.bench.sockets;

import dev.switchboard.gateway.auth.DevelopmentTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** HS256 tokens minted with the run's secret ({@code BENCH_JWT_SECRET}); {@code "bare"} when there is none. */
public final class Tokens {

    private final String secret;

    private Tokens(String secret) {
        this.secret = secret;
    }

    public static Tokens fromEnvironment() {
        return new Tokens(System.getenv().getOrDefault("BENCH_JWT_SECRET", ""));
    }

    public static Tokens of(String secret) {
        return new Tokens(secret);
    }

    /** A user's token, valid for two hours. */
    public String user(String userId) {
        return mint(userId, List.of());
    }

    /** A token with scope {@code events:publish}, as an agent holds. */
    public String publisher() {
        return mint("bench-publisher", List.of("events:publish"));
    }

    /** A token with scope {@code admin}, as an operator's scraper holds for {@code /actuator/prometheus}. */
    public String admin() {
        return mint("bench-admin", List.of("admin"));
    }

    private String mint(String subject, List<String> scopes) {
        return secret.isEmpty()
                ? "bare"
                : DevelopmentTokens.mint(
                        secret.getBytes(StandardCharsets.UTF_8), subject, scopes, Duration.ofHours(2), Instant.now());
    }
}
