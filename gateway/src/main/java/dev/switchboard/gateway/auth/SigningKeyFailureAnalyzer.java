package dev.switchboard.gateway.auth;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Puts the missing-key sentence at the top of Boot's "APPLICATION FAILED TO START" report instead of under a bean
 * creation stack trace, where an operator reading a failed deployment would have to dig for it.
 * Registered in {@code META-INF/spring.factories} under {@code org.springframework.boot.diagnostics.FailureAnalyzer}.
 */
class SigningKeyFailureAnalyzer extends AbstractFailureAnalyzer<SigningKeyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SigningKeyException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Set SWITCHBOARD_JWT_SECRET to the HS256 secret your token issuer signs with (at least 32 bytes), "
                        + "or SWITCHBOARD_JWT_JWKS_URI to its JWK set for RS256 tokens.",
                cause);
    }
}
