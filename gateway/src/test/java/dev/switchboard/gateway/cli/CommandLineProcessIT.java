package dev.switchboard.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.support.PackagedJar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code java -jar switchboard.jar} with a command word: asked for help, or mistyped, it never starts a node. */
class CommandLineProcessIT {

    private static final List<String> COMMANDS = List.of(
            "help", "token", "history", "timeline", "registry-at", "export-fixture", "rebuild", "verify", "archive");

    @TempDir
    Path workDir;

    record Run(int exitCode, String out, String err) {}

    @ParameterizedTest
    @ValueSource(strings = {"no-such-command", "hlep"})
    void anUnknownCommandWordPrintsTheUsageAndExits2WithoutStartingANode(String word) throws Exception {
        Run run = run(word);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines().findFirst()).hasValue("Unknown command: " + word);
        assertListsEveryCommand(run.err());
        assertThat(run.err()).doesNotContain("Starting SwitchboardApplication");
        assertThat(workDir.resolve("data"))
                .as("a node creates its database here")
                .doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "help"})
    void helpListsEveryCommandAndExits0(String asked) throws Exception {
        Run run = run(asked);

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("Usage: java -jar switchboard.jar [--<property>=<value>...]");
        assertListsEveryCommand(run.out());
        assertThat(workDir.resolve("data")).doesNotExist();
    }

    @Test
    void aMisspeltCommandIsNamedWithTheClosestOnes() throws Exception {
        Run run = run("histroy", "conn_1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown command: histroy", "Did you mean: java -jar switchboard.jar history");
    }

    /** Each command on a line of its own, with its summary on the same line. */
    private static void assertListsEveryCommand(String usage) {
        COMMANDS.forEach(command -> assertThat(usage).containsPattern("(?m)^  " + command + " +[A-Z][^\\n]+\\.$"));
    }

    /** Runs the jar where a node would put its data; a node never exits by itself, so one that started times out. */
    private Run run(String... arguments) throws IOException, InterruptedException {
        Path out = workDir.resolve("out.txt");
        Path err = workDir.resolve("err.txt");
        var builder = PackagedJar.command(arguments)
                .directory(workDir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().put("SERVER_PORT", "0");
        builder.environment()
                .put("SWITCHBOARD_DATA_DIR", workDir.resolve("data").toString());
        Process process = builder.start();
        try {
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited").isTrue();
            return new Run(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
        }
    }
}
