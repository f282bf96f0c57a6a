package dev.switchboard.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Checks each distinct token's signature once: an agent backend sends the same bearer token with every push, and
 * parsing and verifying it again was the largest single cost of a push's request thread (about a sixth of its CPU
 * samples). A token the decoder accepted is kept, by its exact text, for at most {@code keepFor}; every later use runs
 * the {@link TokenRules} again, so an expiry, a not-before or the maximum lifetime is judged at the time of each use,
 * exactly as without the cache. Refused tokens are never kept: each try is checked and refused again.
 *
 * <p>What the cache changes: a key withdrawn from the JWKS still verifies the tokens it signed that were seen in the
 * last {@code keepFor} (60 s unless configured), until they drop out. An HS256 secret changes only with a restart.
 */
final class VerifiedTokenCache implements JwtDecoder {

    private final JwtDecoder decoder;
    private final OAuth2TokenValidator<Jwt> rules;
    private final Cache<String, Jwt> verified;

    VerifiedTokenCache(JwtDecoder decoder, OAuth2TokenValidator<Jwt> rules, long maximumTokens, Duration keepFor) {
        this.decoder = decoder;
        this.rules = rules;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maximumTokens)
                .expireAfterWrite(keepFor)
                .build();
    }

    /** The decoder itself when caching is off ({@code maximumTokens} or {@code keepFor} zero). */
    static JwtDecoder around(
            JwtDecoder decoder, OAuth2TokenValidator<Jwt> rules, long maximumTokens, Duration keepFor) {
        if (maximumTokens <= 0 || keepFor.isZero()) {
            return decoder;
        }
        return new VerifiedTokenCache(decoder, rules, maximumTokens, keepFor);
    }

    @Override
    public Jwt decode(String token) {
        Jwt known = verified.getIfPresent(token);
        if (known == null) {
            Jwt jwt = decoder.decode(token);
            verified.put(token, jwt);
            return jwt;
        }
        OAuth2TokenValidatorResult result = rules.validate(known);
        if (result.hasErrors()) {
            verified.invalidate(token);
            throw new JwtValidationException(messageOf(result), result.getErrors());
        }
        return known;
    }

    /**
     * The {@code sub} of a token this cache verified and still keeps, read from the kept claims instead of parsing
     * the token again; null for any other token. Only names a token's claim: whether the token still passes the
     * rules is {@link #decode}'s question.
     */
    String keptSubject(String token) {
        Jwt known = verified.getIfPresent(token);
        return known == null ? null : known.getSubject();
    }

    /** As Spring's decoder words a failed validation. */
    private static String messageOf(OAuth2TokenValidatorResult result) {
        OAuth2Error first = result.getErrors().iterator().next();
        String description = first.getDescription();
        return "An error occurred while attempting to decode the Jwt: "
                + (description == null || description.isEmpty() ? "Unable to validate Jwt" : description);
    }
}
