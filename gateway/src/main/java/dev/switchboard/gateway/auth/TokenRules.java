package dev.switchboard.gateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;

/**
 * What a correctly signed token must also say to be accepted, over HTTP and on a socket alike: a user ({@code sub}),
 * an expiry ({@code exp}), the configured issuer and audience, a time window that holds within the clock skew, and a
 * lifetime within the maximum. Spring Security's validators do the checking; each rule names its {@link TokenRefusal},
 * and the first rule a token breaks is the refusal it gets.
 */
final class TokenRules implements OAuth2TokenValidator<Jwt> {

    private record Rule(Predicate<Jwt> passes, Function<Jwt, TokenRefusal> refusal) {}

    private final List<Rule> rules = new ArrayList<>();
    private final Clock clock;
    private final Duration clockSkew;
    private final Duration maxLifetime;

    TokenRules(JwtProperties properties, Clock clock) {
        this.clock = clock;
        this.clockSkew = properties.clockSkew();
        this.maxLifetime = properties.maxLifetime();
        add(
                new JwtClaimValidator<String>(JwtClaimNames.SUB, sub -> sub != null && !sub.isBlank()),
                TokenRefusal.NO_SUBJECT);
        add(new JwtClaimValidator<Object>(JwtClaimNames.EXP, Objects::nonNull), TokenRefusal.NO_EXPIRY);
        if (properties.issuer() != null && !properties.issuer().isBlank()) {
            add(new JwtIssuerValidator(properties.issuer()), TokenRefusal.WRONG_ISSUER);
        }
        if (properties.audience() != null && !properties.audience().isBlank()) {
            add(new JwtAudienceValidator(properties.audience()), TokenRefusal.WRONG_AUDIENCE);
        }
        JwtTimestampValidator timestamps = new JwtTimestampValidator(clockSkew);
        timestamps.setClock(clock);
        // Spring's defaults with this skew and clock: the time window, and a certificate-bound token's certificate
        OAuth2TokenValidator<Jwt> defaults = JwtValidators.createDefaultWithValidators(List.of(timestamps));
        rules.add(new Rule(jwt -> !defaults.validate(jwt).hasErrors(), this::outsideItsWindow));
        rules.add(new Rule(this::withinMaxLifetime, jwt -> TokenRefusal.TOO_LONG_LIVED));
    }

    /** Defaults for everything but the keys: a 24 h maximum lifetime and a 30 s clock skew, as a node has them. */
    static TokenRules defaults(Clock clock) {
        return new TokenRules(JwtProperties.keys(null, null), clock);
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        for (Rule rule : rules) {
            if (!rule.passes().test(jwt)) {
                return OAuth2TokenValidatorResult.failure(
                        new Refused(rule.refusal().apply(jwt)));
            }
        }
        return OAuth2TokenValidatorResult.success();
    }

    private void add(OAuth2TokenValidator<Jwt> validator, TokenRefusal refusal) {
        rules.add(new Rule(jwt -> !validator.validate(jwt).hasErrors(), jwt -> refusal));
    }

    /** Which part of Spring's default checks the token failed, told from its own times. */
    private TokenRefusal outsideItsWindow(Jwt jwt) {
        Instant now = clock.instant();
        if (jwt.getExpiresAt() != null && now.minus(clockSkew).isAfter(jwt.getExpiresAt())) {
            return TokenRefusal.EXPIRED;
        }
        if (jwt.getNotBefore() != null && now.plus(clockSkew).isBefore(jwt.getNotBefore())) {
            return TokenRefusal.NOT_YET_VALID;
        }
        return TokenRefusal.CERTIFICATE_BOUND;
    }

    /**
     * {@code exp - iat} within the maximum, and {@code exp} no further from now than the maximum (plus the skew), so
     * that a token without {@code iat}, or with one in the future, is held to it as well.
     */
    private boolean withinMaxLifetime(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        Instant issuedAt = jwt.getIssuedAt();
        boolean sinceIssued = issuedAt == null || !expiresAt.isAfter(issuedAt.plus(maxLifetime));
        boolean fromNow = !expiresAt.isAfter(clock.instant().plus(maxLifetime).plus(clockSkew));
        return sinceIssued && fromNow;
    }

    /** A failed rule, carrying its refusal through Spring's exceptions to whoever answers the client. */
    static final class Refused extends OAuth2Error {

        private static final long serialVersionUID = 1L;

        private final TokenRefusal refusal;

        Refused(TokenRefusal refusal) {
            super(OAuth2ErrorCodes.INVALID_TOKEN, refusal.sentence(), null);
            this.refusal = refusal;
        }

        TokenRefusal refusal() {
            return refusal;
        }
    }
}
