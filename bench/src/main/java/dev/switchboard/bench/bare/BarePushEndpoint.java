package dev.switchboard.bench.bare;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The node's push contract, {@code POST /api/users/{userId}/events} answered 202 {@code {"seq":N}}, and no more. */
@RestController
final class BarePushEndpoint {

    record PublishEvent(String runId, String event, Map<String, Object> data) {}

    record Published(long seq) {}

    private final UserFeeds feeds;

    BarePushEndpoint(UserFeeds feeds) {
        this.feeds = feeds;
    }

    @PostMapping("/api/users/{userId}/events")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Published publish(@PathVariable String userId, @RequestBody PublishEvent event) throws Exception {
        return new Published(feeds.publish(userId, event.runId(), event.event(), event.data()));
    }
}
