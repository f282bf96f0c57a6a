package dev.switchboard.gateway.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * A request that needs a scope whoever the caller is. Checked in the filter chain, before the body is read, so a
 * caller without the scope learns nothing from a validation error. Ownership rules (a user sees its own connections)
 * depend on the data and live in the controllers.
 */
record ScopeRule(HttpMethod method, String pattern, String scope) {

    static final List<ScopeRule> ALL = List.of(
            new ScopeRule(HttpMethod.POST, "/api/users/*/events", VerifiedToken.PUBLISH),
            new ScopeRule(HttpMethod.POST, "/api/events", VerifiedToken.PUBLISH),
            new ScopeRule(HttpMethod.DELETE, "/api/connections/*", VerifiedToken.ADMIN),
            new ScopeRule(HttpMethod.GET, "/api/nodes", VerifiedToken.ADMIN),
            new ScopeRule(HttpMethod.GET, "/api/retention", VerifiedToken.ADMIN),
            new ScopeRule(HttpMethod.GET, "/api/registry/at", VerifiedToken.ADMIN),
            new ScopeRule(HttpMethod.GET, "/api/registry/live", VerifiedToken.ADMIN),
            new ScopeRule(HttpMethod.GET, "/api/projections/**", VerifiedToken.ADMIN),
            new ScopeRule(HttpMethod.POST, "/api/projections/**", VerifiedToken.ADMIN),
            // what a node counts (connections by user-visible state, close reasons, rates) is for its operators
            new ScopeRule(HttpMethod.GET, "/actuator/prometheus", VerifiedToken.ADMIN));

    RequestMatcher matcher() {
        return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
    }

    String authority() {
        return VerifiedTokenAuthentication.SCOPE_AUTHORITY_PREFIX + scope;
    }

    static Optional<ScopeRule> matching(HttpServletRequest request) {
        return ALL.stream().filter(rule -> rule.matcher().matches(request)).findFirst();
    }
}
