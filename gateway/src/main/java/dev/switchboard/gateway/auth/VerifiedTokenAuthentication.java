package dev.switchboard.gateway.auth;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The caller of an HTTP request once its token is verified: controllers take the {@link VerifiedToken} as their
 * {@code @AuthenticationPrincipal}, and each scope is an authority {@code SCOPE_<scope>} for the URL rules. The raw
 * token is not kept, so nothing that prints an authentication can print it.
 */
final class VerifiedTokenAuthentication extends AbstractAuthenticationToken {

    static final String SCOPE_AUTHORITY_PREFIX = "SCOPE_";

    private final VerifiedToken token;

    private VerifiedTokenAuthentication(VerifiedToken token) {
        super(token.scopes().stream()
                .map(scope -> new SimpleGrantedAuthority(SCOPE_AUTHORITY_PREFIX + scope))
                .toList());
        this.token = token;
        setAuthenticated(true);
    }

    static VerifiedTokenAuthentication of(Jwt jwt) {
        return new VerifiedTokenAuthentication(VerifiedTokens.from(jwt));
    }

    @Override
    public VerifiedToken getPrincipal() {
        return token;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public String getName() {
        return token.userId();
    }
}
