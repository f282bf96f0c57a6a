package dev.switchboard.gateway.agent;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The operator's agent backend ({@code switchboard.agent.*}): with a URL set, it answers clients' {@code message}
 * frames instead of the demo agent.
 *
 * @param url where each message is POSTed; none (the default) leaves the demo agent answering
 * @param secret the HMAC-SHA256 key of the {@code Switchboard-Signature} header, at least 32 bytes; never logged
 * @param timeout how long one attempt may take, from sending the request to its status line
 * @param maxAttempts attempts per message, the first included; a 4xx other than 429 is not retried
 * @param retryBackoff the pause before the second attempt, doubled (with jitter) before each further one
 * @param breakerFailureRate the percentage of failed attempts among the last {@code breakerWindow} that opens the
 *     circuit breaker: while it is open, messages are answered {@code agent_unavailable} without a call
 * @param breakerWindow the attempts the failure rate is measured over (and the fewest before it may open)
 * @param breakerOpenFor how long the breaker stays open before it lets a few trial calls through
 * @param maxInFlight messages being forwarded at once on this node; one beyond is answered {@code agent_unavailable}
 */
@ConfigurationProperties("switchboard.agent")
public record AgentBackendProperties(
        URI url,
        String secret,
        @DefaultValue("5s") Duration timeout,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("200ms") Duration retryBackoff,
        @DefaultValue("50") int breakerFailureRate,
        @DefaultValue("10") int breakerWindow,
        @DefaultValue("30s") Duration breakerOpenFor,
        @DefaultValue("256") int maxInFlight) {

    static final int MIN_SECRET_BYTES = 32;

    public AgentBackendProperties {
        if (maxAttempts < 1 || maxInFlight < 1 || breakerWindow < 1) {
            throw new IllegalArgumentException(
                    "switchboard.agent.max-attempts, .max-in-flight and .breaker-window must be at least 1");
        }
        if (breakerFailureRate < 1 || breakerFailureRate > 100) {
            throw new IllegalArgumentException("switchboard.agent.breaker-failure-rate is a percentage, 1 to 100");
        }
    }

    boolean configured() {
        return url != null && !url.toString().isBlank();
    }

    /** Refuses a URL without a usable secret; the sentence never quotes the secret. */
    void requireSecret() {
        if (secret == null || secret.isBlank()) {
            throw new AgentSecretException("SWITCHBOARD_AGENT_URL is set but SWITCHBOARD_AGENT_SECRET is not: the node "
                    + "will not send messages to an agent backend unsigned.");
        }
        if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new AgentSecretException("SWITCHBOARD_AGENT_SECRET is shorter than " + MIN_SECRET_BYTES
                    + " bytes: too short to sign messages to the agent backend.");
        }
    }

    /** The record's own toString would print the secret. */
    @Override
    public String toString() {
        return "AgentBackendProperties[url=" + url + ", secret=" + (secret == null ? "none" : "(set)") + ", timeout="
                + timeout + ", maxAttempts=" + maxAttempts + "]";
    }
}
