package dev.switchboard.gateway.auth;

import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Picks the keys tokens are checked with. A configured secret always wins; a JWKS URI alone means RS256 only. With
 * neither, a node on the embedded database (a developer's laptop) generates a secret in its data folder, while a node
 * on PostgreSQL (production) refuses to start: a random secret there would make every issued token fail. What a
 * token must say besides, once its signature holds, is in {@link TokenRules}.
 */
@Configuration(proxyBeanMethods = false)
class JwtDecoderConfiguration {

    private static final Logger log = LoggerFactory.getLogger(JwtDecoderConfiguration.class);

    @Bean
    JwtDecoder jwtDecoder(JwtProperties properties, Environment environment, Clock clock) {
        TokenRules rules = new TokenRules(properties, clock);
        return VerifiedTokenCache.around(
                TokenDecoders.create(hmacSecret(properties, environment), properties.jwksUri(), rules),
                rules,
                properties.verifiedTokens(),
                properties.verifiedTokenTtl());
    }

    /** The HS256 secret, or null when only RS256 tokens are accepted. */
    private static byte[] hmacSecret(JwtProperties properties, Environment environment) {
        if (properties.hasSecret()) {
            return HmacSecret.bytes(properties.secret(), HmacSecret.VARIABLE + " (switchboard.jwt.secret)");
        }
        if (properties.jwksUri() != null) {
            log.info("Accepting RS256 tokens signed by a key of {}; no HS256 secret is set.", properties.jwksUri());
            return null;
        }
        if (!onEmbeddedDatabase(environment)) {
            throw new SigningKeyException(HmacSecret.VARIABLE + " is not set. A node on PostgreSQL needs the HS256 "
                    + "secret (at least " + HmacSecret.MIN_BYTES + " bytes) shared with whoever issues its tokens, or "
                    + "SWITCHBOARD_JWT_JWKS_URI for RS256 tokens; only a node on the embedded database generates a "
                    + "development secret.");
        }
        String dataDir = environment.getProperty("switchboard.data-dir", DevelopmentSecretFile.DEFAULT_DATA_DIR);
        byte[] secret = DevelopmentSecretFile.readOrCreate(Path.of(dataDir));
        String variable =
                dataDir.equals(DevelopmentSecretFile.DEFAULT_DATA_DIR) ? "" : "SWITCHBOARD_DATA_DIR=" + dataDir + " ";
        // INFO, not WARN: this is the documented first run (embedded database, no secret), and the line is its hint
        log.info(
                "{} is not set: this node on the embedded database accepts development tokens signed with the secret "
                        + "in {}. Mint one with: {}java -jar gateway/target/switchboard.jar token --user alice "
                        + "[--scope \"admin events:publish\"] [--ttl 3600]",
                HmacSecret.VARIABLE,
                DevelopmentSecretFile.in(Path.of(dataDir)),
                variable);
        return secret;
    }

    private static boolean onEmbeddedDatabase(Environment environment) {
        return environment.getProperty("spring.datasource.url", "").startsWith("jdbc:h2:");
    }
}
