package dev.switchboard.gateway.auth;

import java.time.Instant;
import java.util.Set;

/** What a verified JWT says: whose it is, until when, and what it may do. */
public record VerifiedToken(String userId, Instant expiresAt, Set<String> scopes) {

    public static final String ADMIN = "admin";
    public static final String PUBLISH = "events:publish";

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }
}
