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
 * Refuses a push body over its limit with 413 before it is parsed: a batch over {@code
 * switchboard.limits.publish-batch-body}, a single event over {@code …publish-event-body}. By its Content-Length when
 * it declares one, otherwise (chunked) by reading at most one byte past the limit. Spring MVC has no limit of its own
 * on a JSON body, and Tomcat's limits are for forms; a body within the limit is parsed from the bytes read here, so it
 * is read once.
 */
@ControllerAdvice(assignableTypes = AgentEventsController.class)
class PublishBodyLimit extends RequestBodyAdviceAdapter {

    private final LimitsProperties limits;

    PublishBodyLimit(LimitsProperties limits) {
        this.limits = limits;
    }

    @Override
    public boolean supports(
            MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return targetType == PublishBatchRequest.class || targetType == PublishEventRequest.class;
    }

    @Override
    public HttpInputMessage beforeBodyRead(
            HttpInputMessage input,
            MethodParameter parameter,
            Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType)
            throws IOException {
        boolean batch = targetType == PublishBatchRequest.class;
        int limit = (int) (batch ? limits.publishBatchBody() : limits.publishEventBody()).toBytes();
        if (input.getHeaders().getContentLength() > limit) {
            throw tooLarge(batch, limit);
        }
        byte[] body = input.getBody().readNBytes(limit + 1);
        if (body.length > limit) {
            throw tooLarge(batch, limit);
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

    private ApiException tooLarge(boolean batch, int limit) {
        return new ApiException(
                HttpStatus.PAYLOAD_TOO_LARGE,
                "too_large",
                "The request body is over " + limit + " bytes; "
                        + (batch
                                ? "send at most " + limits.publishBatchEvents()
                                        + " events per request, and split a larger batch."
                                : "an agent event's data must be smaller."));
    }
}
