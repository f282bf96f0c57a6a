package dev.switchboard.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.gateway.support.Tokens;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code switchboard.jar token}: what a developer types to get a token for a local node. */
class TokenCommandTest {

    record Run(int exitCode, String out, String err) {}

    @TempDir
    Path dataDir;

    @Test
    void printsATokenSignedWithTheSecretFromTheEnvironment() throws Exception {
        Run run = run(
                Map.of("SWITCHBOARD_JWT_SECRET", Tokens.SECRET),
                "--user",
                "alice",
                "--scope",
                "admin events:publish",
                "--ttl",
                "600");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        VerifiedToken token = verifierFor(Tokens.SECRET.getBytes(StandardCharsets.UTF_8))
                .verify(run.out().strip());
        assertThat(token.userId()).isEqualTo("alice");
        assertThat(token.scopes()).containsExactlyInAnyOrder("admin", "events:publish");
        assertThat(token.expiresAt()).isCloseTo(Instant.now().plusSeconds(600), within(5, ChronoUnit.SECONDS));
    }

    @Test
    void signsWithTheSecretANodeGeneratedInItsDataFolder() throws Exception {
        byte[] secret = DevelopmentSecretFile.readOrCreate(dataDir);

        Run run = run(
                Map.of("SWITCHBOARD_DATA_DIR", dataDir.toString()),
                "--user",
                "bob",
                "--scope",
                "admin",
                "--scope",
                "events:publish");

        assertThat(run.exitCode()).isZero();
        VerifiedToken token = verifierFor(secret).verify(run.out().strip());
        assertThat(token.userId()).isEqualTo("bob");
        assertThat(token.scopes()).containsExactlyInAnyOrder("admin", "events:publish");
    }

    @Test
    void withNoSecretAnywhereItSaysWhereOneComesFrom() {
        Run run = run(Map.of("SWITCHBOARD_DATA_DIR", dataDir.toString()), "--user", "alice");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("SWITCHBOARD_JWT_SECRET", "jwt-secret").doesNotContain("Exception", "\tat ");
    }

    @Test
    void aShortSecretIsRefusedWithoutQuotingIt() {
        Run run = run(Map.of("SWITCHBOARD_JWT_SECRET", "short-and-guessable"), "--user", "alice");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("at least 32 bytes").doesNotContain("short-and-guessable");
    }

    @Test
    void theTokenNamesTheIssuerAndAudienceTheNodeRequires() throws Exception {
        Run run = run(
                Map.of(
                        "SWITCHBOARD_JWT_SECRET", Tokens.SECRET,
                        "SWITCHBOARD_JWT_ISSUER", "https://login.example",
                        "SWITCHBOARD_JWT_AUDIENCE", "switchboard"),
                "--user",
                "alice");

        var strict = new JwtProperties(
                Tokens.SECRET,
                null,
                "https://login.example",
                "switchboard",
                Duration.ofHours(24),
                Duration.ZERO,
                0,
                Duration.ZERO);
        var verifier = new JwtTokenVerifier(TokenDecoders.hs256(
                Tokens.SECRET.getBytes(StandardCharsets.UTF_8), new TokenRules(strict, Clock.systemUTC())));
        assertThat(verifier.verify(run.out().strip()).userId()).isEqualTo("alice");
    }

    @Test
    void aUserIsRequiredAndTheTtlMustBePositive() {
        var env = Map.of("SWITCHBOARD_JWT_SECRET", Tokens.SECRET);

        assertThat(run(env).exitCode()).isEqualTo(2);
        assertThat(run(env).err()).contains("--user");
        assertThat(run(env, "--user", "alice", "--ttl", "0").exitCode()).isEqualTo(2);
        assertThat(run(env, "--user", "alice", "--ttl", "0").out()).isEmpty();
    }

    private static Run run(Map<String, String> environment, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int exitCode =
                TokenCommand.run(environment, Clock.systemUTC(), new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private static TokenVerifier verifierFor(byte[] secret) {
        return new JwtTokenVerifier(TokenDecoders.hs256(secret, TokenRules.defaults(Clock.systemUTC())));
    }
}
