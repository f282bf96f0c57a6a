package dev.switchboard.gateway.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Who may call what over HTTP. Every request carries its own bearer token: no session, no cookie, hence no CSRF
 * token. Probes, the WebSocket upgrade (the socket authenticates in-band with its first frame), the API's OpenAPI
 * document and the operations console's static files are open; the console's data calls carry a token like any
 * client's, and metrics need an operator's ({@link ScopeRule}). Every other path needs a valid token, so an endpoint added later is closed until it
 * is listed here.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String[] PUBLIC_PATHS = {
        "/actuator/health",
        "/actuator/health/**",
        "/actuator/info",
        "/ws",
        "/ws/**",
        "/console",
        "/console/**",
        // the OpenAPI document, and its UI where development switched it on (it is not served otherwise)
        "/v3/api-docs",
        "/v3/api-docs/**",
        "/swagger-ui.html",
        "/swagger-ui/**"
    };

    /**
     * The console's pages run only the node's own scripts and styles and talk only to the node: an injected script
     * or a tampered page could not send an operator's token elsewhere. Its SVG uses presentation attributes, not
     * inline styles, so no {@code unsafe-inline} is needed.
     */
    static final String CONSOLE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ObjectMapper json) throws Exception {
        SecurityErrors errors = new SecurityErrors(json);
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .headers(headers -> headers.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                        PathPatternRequestMatcher.withDefaults().matcher("/console/**"),
                        new StaticHeadersWriter("Content-Security-Policy", CONSOLE_POLICY))))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> {
                    // Boot's error page renders failures of requests that were already authorised
                    requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    requests.requestMatchers(PUBLIC_PATHS).permitAll();
                    ScopeRule.ALL.forEach(
                            rule -> requests.requestMatchers(rule.matcher()).hasAuthority(rule.authority()));
                    requests.anyRequest().authenticated();
                })
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(VerifiedTokenAuthentication::of))
                        .authenticationEntryPoint(errors)
                        .accessDeniedHandler(errors))
                .exceptionHandling(
                        handling -> handling.authenticationEntryPoint(errors).accessDeniedHandler(errors));
        return http.build();
    }
}
