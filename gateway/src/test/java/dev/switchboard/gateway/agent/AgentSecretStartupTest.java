package dev.switchboard.gateway.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.gateway.support.Nodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A node told to forward messages to an agent backend refuses to start unless it can sign them. */
@ExtendWith(OutputCaptureExtension.class)
class AgentSecretStartupTest {

    private static final String URL = "switchboard.agent.url=http://127.0.0.1:9/messages";

    @Test
    void anAgentUrlWithoutASecretStopsTheStartAndSaysWhatIsMissing() {
        assertThatThrownBy(() -> Nodes.node().properties(URL).run().close())
                .rootCause()
                .hasMessageContaining("SWITCHBOARD_AGENT_URL is set but SWITCHBOARD_AGENT_SECRET is not");
    }

    @Test
    void aSecretShorterThan32BytesIsRefusedWithoutBeingQuoted(CapturedOutput output) {
        String shortSecret = "agent-secret-of-26-bytes!!";

        assertThatThrownBy(() -> Nodes.node()
                        .properties(URL, "switchboard.agent.secret=" + shortSecret)
                        .run()
                        .close())
                .rootCause()
                .hasMessageContaining("SWITCHBOARD_AGENT_SECRET is shorter than 32 bytes")
                .message()
                .doesNotContain(shortSecret);
        assertThat(output.getAll())
                .contains("Set SWITCHBOARD_AGENT_SECRET to the key your agent backend verifies signatures with")
                .doesNotContain(shortSecret);
    }
}
