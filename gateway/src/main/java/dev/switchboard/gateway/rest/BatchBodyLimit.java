package dev.switchboard.gateway.rest;

import dev.switchboard.gateway.limits.LimitsProperties;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Refuses a batch body over {@code switchboard.limits.publish-batch-body} with 413 before it is parsed: by its
 * Content-Length when it declares one, otherwise (chunked) by reading at most one byte past the limit. Spring MVC has
 * no limit of its own on a JSON body, and Tomcat's limits are for forms; a body within the limit is parsed from the
 * bytes read here, so it is read once.
 */
@ControllerAdvice(assignableTypes = AgentEventsController.class)
class BatchBodyLimit extends RequestBodyAdviceAdapter {

    private final LimitsProperties limits;

    BatchBodyLimit(LimitsProperties limits) {
        this.limits = limits;
    }

    @Override
    public boolean supports(
            MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return targetType == PublishBatchRequest.class;
    }

    @Override
    public HttpInputMessage beforeBodyRead(
            HttpInputMessage input,
            MethodParameter parameter,
            Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType)
            throws IOException {
        int limit = (int) limits.publishBatchBody().toBytes();
        if (input.getHeaders().getContentLength() > limit) {
            throw tooLarge(limit);
        }
        byte[] body = input.getBody().readNBytes(limit + 1);
        if (body.length > limit) {
            throw tooLarge(limit);
        }
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return input.getHeaders();
            }
        };
    }

    private ApiException tooLarge(int limit) {
        return new ApiException(
                HttpStatus.PAYLOAD_TOO_LARGE,
                "too_large",
                "The request body is over " + limit + " bytes; send at most " + limits.publishBatchEvents()
                        + " events per request, and split a larger batch.");
    }
}
