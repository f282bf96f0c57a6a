package dev.switchboard.gateway.agent;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The built-in demo agent ({@code switchboard.demo-agent.*}).
 *
 * @param enabled whether it answers clients' {@code message} frames; off, every message is answered {@code error
 *     no_agent} and nothing runs (real agents push their events over HTTP either way)
 * @param step the pause between a run's events
 * @param maxRuns runs in progress at once on this node; a message beyond them is answered {@code error busy}
 */
@ConfigurationProperties("switchboard.demo-agent")
public record DemoAgentProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("40ms") Duration step,
        @DefaultValue("256") int maxRuns) {

    public DemoAgentProperties {
        if (maxRuns < 1) {
            throw new IllegalArgumentException("switchboard.demo-agent.max-runs must be at least 1");
        }
        if (step.isNegative()) {
            throw new IllegalArgumentException("switchboard.demo-agent.step must not be negative");
        }
    }
}
