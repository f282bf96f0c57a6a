package dev.switchboard.command.feed;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.feed.PublishAgentEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentEventRulesTest {

    private static final Map<String, Object> DATA = Map.of("tool", "search");

    @Test
    void anEventOfAKnownKindWithBothIdsPasses() {
        assertThatCode(() ->
                        AgentEventRules.validate(new PublishAgentEvent("alice", "run-1", "agent_started", null, null)))
                .doesNotThrowAnyException();
    }

    @Test
    void anUnknownEventNameIsRefusedWithTheNamesItExpects() {
        assertThatThrownBy(() ->
                        AgentEventRules.validate(new PublishAgentEvent("alice", "run-1", "agent_exploded", DATA, "k1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("agent_exploded")
                .hasMessageContaining("agent_completed");
    }

    @Test
    void aBlankRunIdIsRefusedWithASentenceThatNamesIt() {
        assertThatThrownBy(() ->
                        AgentEventRules.validate(new PublishAgentEvent("alice", " ", "agent_started", DATA, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("runId");
    }

    @Test
    void aBlankUserIdIsRefused() {
        assertThatThrownBy(
                        () -> AgentEventRules.validate(new PublishAgentEvent("", "run-1", "agent_started", DATA, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("userId");
    }

    @Test
    void idsLongerThanTheLogsColumnsAreRefused() {
        String longUser = "u".repeat(251);
        String longKey = "k".repeat(256);
        assertThatThrownBy(() ->
                        AgentEventRules.validate(new PublishAgentEvent(longUser, "run-1", "agent_started", DATA, null)))
                .hasMessageContaining("at most 250");
        assertThatThrownBy(() -> AgentEventRules.validate(
                        new PublishAgentEvent("alice", "run-1", "agent_started", DATA, longKey)))
                .hasMessageContaining("at most 255");
    }
}
