package dev.switchboard.bench.bare;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The node's push contract, {@code POST /api/users/{userId}/events} answered 202 {@code {"seq":N}}, and no more. An
 * annotated handler method, as the node's controller is, but mapped by {@link #register} rather than found as a
 * {@code @RestController}, which the node's component scan would find too.
 */
final class BarePushEndpoint {

    record PublishEvent(String runId, String event, Map<String, Object> data) {}

    record Published(long seq) {}

    private final UserFeeds feeds;

    BarePushEndpoint(UserFeeds feeds) {
        this.feeds = feeds;
    }

    @ResponseBody
    @ResponseStatus(HttpStatus.ACCEPTED)
    Published publish(@PathVariable String userId, @RequestBody PublishEvent event) throws Exception {
        return new Published(feeds.publish(userId, event.runId(), event.event(), event.data()));
    }

    void register(RequestMappingHandlerMapping mapping) throws NoSuchMethodException {
        mapping.registerMapping(
                RequestMappingInfo.paths("/api/users/{userId}/events")
                        .methods(RequestMethod.POST)
                        .options(mapping.getBuilderConfiguration())
                        .build(),
                this,
                BarePushEndpoint.class.getDeclaredMethod("publish", String.class, PublishEvent.class));
    }
}
