package dev.switchboard.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Which arguments start a node: none, or only Spring's options. Everything else belongs to the command line. */
class SwitchboardCommandsTest {

    @Test
    void noArgumentsOrOnlySpringOptionsStartANode() {
        assertThat(SwitchboardCommands.startANode()).isTrue();
        assertThat(SwitchboardCommands.startANode("--server.port=9000", "--debug"))
                .isTrue();
    }

    @Test
    void aCommandWordAHelpOptionOrAnythingElseStartsNoNode() {
        assertThat(SwitchboardCommands.startANode("token", "--user", "alice")).isFalse();
        assertThat(SwitchboardCommands.startANode("--help")).isFalse();
        assertThat(SwitchboardCommands.startANode("-h")).isFalse();
        assertThat(SwitchboardCommands.startANode("--version")).isFalse();
        assertThat(SwitchboardCommands.startANode("hlep")).isFalse();
        assertThat(SwitchboardCommands.startANode("-x")).isFalse();
        assertThat(SwitchboardCommands.startANode("--server.port=9000", "history", "conn_1"))
                .isFalse();
    }

    @Test
    void aBareDoubleDashIsAMistakeRatherThanANode() {
        StringWriter err = new StringWriter();

        assertThat(SwitchboardCommands.startANode("--")).isFalse();
        assertThat(SwitchboardCommands.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "--"))
                .isEqualTo(2);
        assertThat(err.toString()).startsWith("Missing command").contains("Usage: java -jar switchboard.jar");
    }
}
