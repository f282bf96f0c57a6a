package dev.switchboard.gateway.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * The 401 and 403 answers of the filter chain, in the API's error shape {@code {"error","message"}} with an RFC 6750
 * {@code WWW-Authenticate} header; a refused token's answer adds {@code reason}, the refusal's stable code. Messages
 * are fixed sentences: never the token, never a library's message.
 */
final class SecurityErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ObjectMapper json;

    SecurityErrors(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refusal)
            throws IOException {
        // a token that was sent and refused surfaces as an OAuth2 error; no token at all as a plain one
        if (refusal instanceof OAuth2AuthenticationException) {
            TokenRefusal why = TokenRefusal.of(refusal);
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            write(response, HttpServletResponse.SC_UNAUTHORIZED, "invalid_token", why.sentence(), why.code());
        } else {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            write(
                    response,
                    HttpServletResponse.SC_UNAUTHORIZED,
                    "missing_token",
                    "This request needs a bearer token: send the header Authorization: Bearer <JWT>.",
                    null);
        }
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        var rule = ScopeRule.matching(request);
        response.setHeader(
                HttpHeaders.WWW_AUTHENTICATE,
                "Bearer error=\"insufficient_scope\""
                        + rule.map(r -> ", scope=\"" + r.scope() + "\"").orElse(""));
        write(
                response,
                HttpServletResponse.SC_FORBIDDEN,
                "forbidden",
                rule.map(r -> "This request needs a token with scope " + r.scope() + ".")
                        .orElse("This token is not allowed to make this request."),
                null);
    }

    /** @param reason the refusal's own code under the RFC 6750 one (e.g. {@code token_expired}), or null */
    private void write(HttpServletResponse response, int status, String code, String message, String reason)
            throws IOException {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        if (reason != null) {
            body.put("reason", reason);
        }
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), body);
    }
}
