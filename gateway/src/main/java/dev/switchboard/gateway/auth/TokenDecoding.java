package dev.switchboard.gateway.auth;

import java.time.Clock;
import java.time.Duration;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * The node's HS256 token decoder as {@link JwtDecoderConfiguration} builds it (its {@link TokenRules} at their
 * defaults), with or without the {@link VerifiedTokenCache}: exposed for the benchmark that measures what the cache
 * saves a request, which lives in another module.
 */
public final class TokenDecoding {

    private TokenDecoding() {}

    /** With {@code keptTokens} 0 every use is verified; else accepted tokens are kept for {@code keepFor}. */
    public static JwtDecoder hs256(byte[] secret, Clock clock, long keptTokens, Duration keepFor) {
        TokenRules rules = TokenRules.defaults(clock);
        return VerifiedTokenCache.around(TokenDecoders.hs256(secret, rules), rules, keptTokens, keepFor);
    }
}
