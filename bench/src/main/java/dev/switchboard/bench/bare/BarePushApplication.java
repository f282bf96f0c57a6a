package dev.switchboard.bench.bare;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The floors of a push: {@code POST /api/users/{userId}/events} behind the node's kind of security filter, on the
 * bare WebSocket floor, delivering to the user's sockets with a per-user seq. With {@code bench.push.jdbc-url} set,
 * each event is first inserted and committed through a pool of the node's size ({@link DurableRows}): the
 * hand-written durable push; without it, nothing is kept: the bare MVC push. Spring MVC, Jackson and Spring Security
 * are imported; still no database auto-configuration, Flyway or Axon.
 */
@ImportAutoConfiguration({
    WebMvcAutoConfiguration.class,
    HttpMessageConvertersAutoConfiguration.class,
    JacksonAutoConfiguration.class,
    SecurityAutoConfiguration.class,
    SecurityFilterAutoConfiguration.class
})
@Import({BareSocketApplication.class, BarePushSecurity.class})
public class BarePushApplication {

    public static void main(String[] args) {
        BareSocketApplication.run(BarePushApplication.class, args);
    }

    @Bean
    FeedStore feedStore(Environment environment) {
        String jdbcUrl = environment.getProperty("bench.push.jdbc-url", "");
        return jdbcUrl.isBlank() ? FeedStore.NONE : new DurableRows(jdbcUrl);
    }

    @Bean
    UserFeeds userFeeds(JwtDecoder tokens, ObjectMapper json, FeedStore store) {
        return new UserFeeds(tokens, json, store);
    }

    @Bean
    BarePushEndpoint pushEndpoint(UserFeeds feeds, RequestMappingHandlerMapping requestMappingHandlerMapping)
            throws NoSuchMethodException {
        var endpoint = new BarePushEndpoint(feeds);
        endpoint.register(requestMappingHandlerMapping);
        return endpoint;
    }
}
