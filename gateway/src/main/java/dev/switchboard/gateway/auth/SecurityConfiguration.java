package dev.switchboard.gateway.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import java.util.Arrays;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what over HTTP. Every request carries its own bearer token: no session, no cookie, hence no CSRF
 * token. Probes, the API's OpenAPI document and the operations console's static files are open; the WebSocket
 * upgrade does not pass the API's filters at all ({@link #upgradeOutsideTheApiChain()}); the console's data calls
 * carry a token like any client's, and metrics need an operator's ({@link ScopeRule}). Every other path needs a valid
 * token, so an endpoint added later is closed until it is listed here.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String[] PUBLIC_PATHS = {
        "/actuator/health",
        "/actuator/health/**",
        "/actuator/info",
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

    /** The WebSocket endpoint's path, and any path under it. */
    static final String[] SOCKET_PATHS = {"/ws", "/ws/**"};

    /**
     * The upgrade is open to anyone (the socket authenticates in-band, with its first frame, behind the authentication
     * failure circuits; the upgrade rate limit is the handshake's own interceptor), so the API's bearer-token,
     * anonymous, authorization, header and exception filters had nothing to decide for it, yet were about a quarter of
     * the upgrade's own CPU on its HTTP thread (BENCHMARKS.md, ninth pass). Spring Security still puts the request through its
     * firewall; it only runs no chain for it. (Spring Security warns at start that ignoring a path is not
     * recommended, meaning a path whose requests a chain should authorise; this one has nothing to authorise, so that
     * logger is quieted in application.yml.)
     */
    @Bean
    WebSecurityCustomizer upgradeOutsideTheApiChain() {
        return web -> web.ignoring()
                .requestMatchers(Arrays.stream(SOCKET_PATHS)
                        .map(PathPatternRequestMatcher.withDefaults()::matcher)
                        .toArray(RequestMatcher[]::new));
    }

    /** The firewall's defaults, with its character rules checked without regular expressions. */
    @Bean
    WebSecurityCustomizer firewallWithoutRegularExpressions() {
        return web -> web.httpFirewall(HeaderCharacters.firewall());
    }

    /**
     * Spring Security observes no request, authentication or authorisation: nothing here reads its
     * {@code spring_security_*} series, and observing each filter of the chain, the token's authentication and the
     * authorisation on every request cost a tenth of a push's CPU (BENCHMARKS.md, fifth and ninth passes). With these
     * settings the chain is not wrapped at all; the property {@code management.observations.enable.spring.security}
     * only turned the observations into no-ops, each still created around every filter. {@code http.server.requests}
     * is Spring MVC's and is kept.
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

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
