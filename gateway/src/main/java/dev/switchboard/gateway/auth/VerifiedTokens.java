package dev.switchboard.gateway.auth;

import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.security.oauth2.jwt.Jwt;

/** What a decoded JWT says, for the WebSocket handshake and the HTTP API alike. */
final class VerifiedTokens {

    static final String SCOPE_CLAIM = "scope";

    private VerifiedTokens() {}

    static VerifiedToken from(Jwt jwt) {
        return new VerifiedToken(
                jwt.getSubject(), jwt.getExpiresAt(), scopes(jwt.getClaims().get(SCOPE_CLAIM)));
    }

    /** RFC 8693 says a space-separated string; some issuers send a JSON array, which is accepted as well. */
    static Set<String> scopes(Object claim) {
        Stream<String> scopes;
        if (claim instanceof String text) {
            scopes = Arrays.stream(text.split("\\s+"));
        } else if (claim instanceof Collection<?> list) {
            scopes = list.stream().map(String::valueOf);
        } else {
            scopes = Stream.empty();
        }
        return scopes.filter(scope -> !scope.isBlank()).collect(Collectors.toUnmodifiableSet());
    }
}
