package dev.switchboard.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The OpenAPI document at {@code /v3/api-docs}, fetched without a token from a running node: every endpoint of the
 * API is in it, each with its error answers in the {@code ApiError} shape. The Swagger UI is not served unless
 * development switches it on.
 */
class ApiDocsIT extends PostgresIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void theDocumentIsPublicAndListsEveryEndpointWithItsErrorAnswers() {
        var answer = new ApiClient(port).get("/v3/api-docs", null);

        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        JsonNode doc = answer.body();
        assertThat(doc.path("openapi").asText()).startsWith("3.");
        List<String> documented = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue()
                .fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase() + " " + path.getKey())));
        assertThat(documented).containsExactlyInAnyOrderElementsOf(apiEndpoints());

        JsonNode error = doc.path("components").path("schemas").path("ApiError");
        assertThat(error.path("properties").has("error")).isTrue();
        assertThat(error.path("properties").has("message")).isTrue();
        JsonNode push = doc.path("paths").path("/api/events").path("post").path("responses");
        assertThat(push.fieldNames()).toIterable().contains("202", "400", "401", "409", "413", "503");
        assertThat(push.path("409").path("description").asText()).contains("idempotency_key_reused");
        assertThat(push.path("400")
                        .path("content")
                        .path("application/json")
                        .path("schema")
                        .path("$ref")
                        .asText())
                .isEqualTo("#/components/schemas/ApiError");
        JsonNode kick = doc.path("paths").path("/api/connections/{id}").path("delete");
        assertThat(kick.path("responses").path("404").path("description").asText())
                .contains("connection_not_found");
        assertThat(doc.path("components")
                        .path("securitySchemes")
                        .path("bearer")
                        .path("scheme")
                        .asText())
                .isEqualTo("bearer");
    }

    @Test
    void theSwaggerUiIsNotServedOutsideDevelopment() {
        assertThat(new ApiClient(port).get("/swagger-ui/index.html", null).status())
                .isEqualTo(404);
    }

    /** Every controller mapping under /api, whatever its package, as "METHOD path"; the catch-all 404 is none. */
    private List<String> apiEndpoints() {
        List<String> endpoints = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            for (String path : info.getPatternValues()) {
                if (path.startsWith("/api/") && !path.endsWith("/**")) {
                    info.getMethodsCondition().getMethods().forEach(verb -> endpoints.add(verb.name() + " " + path));
                }
            }
        });
        return endpoints;
    }
}
