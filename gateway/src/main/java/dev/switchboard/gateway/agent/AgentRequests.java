package dev.switchboard.gateway.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.api.message.AgentMessageForwarded;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The body POSTed to the agent backend: {@code {"userId","connectionId","messageId","runId","text","sentAt"}}. */
@Component
class AgentRequests {

    private final ObjectMapper json;

    AgentRequests(ObjectMapper json) {
        this.json = json;
    }

    String body(AgentMessageForwarded message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", message.userId());
        body.put("connectionId", message.connectionId());
        body.put("messageId", message.messageId());
        body.put("runId", message.runId());
        body.put("text", message.text());
        body.put("sentAt", message.sentAt().toString());
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a message to the agent backend could not be written", e);
        }
    }
}
