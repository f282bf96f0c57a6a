package dev.switchboard.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code archive} on the embedded database refuses, saying why, and writes nothing. */
class ArchiveCommandTest {

    @TempDir
    Path archive;

    @Test
    void refusesTheEmbeddedDatabaseWithExitCode4() {
        var out = new StringWriter();
        var err = new StringWriter();
        int exitCode = SwitchboardCommands.run(
                new PrintWriter(out),
                new PrintWriter(err),
                "archive",
                "--before",
                "2026-01-01T00:00:00Z",
                "--to",
                archive.resolve("a").toString(),
                "--db",
                "jdbc:h2:mem:archive-refused;MODE=PostgreSQL");

        assertThat(exitCode).isEqualTo(4);
        assertThat(err.toString()).contains("archiving needs PostgreSQL; this log is in H2");
        assertThat(out.toString()).isEmpty();
        assertThat(archive.resolve("a")).doesNotExist();
    }

    @Test
    void aBeforeThatIsNotAnInstantIsAUsageError() {
        var err = new StringWriter();
        int exitCode = SwitchboardCommands.run(
                new PrintWriter(new StringWriter()),
                new PrintWriter(err),
                "archive",
                "--before",
                "last tuesday",
                "--to",
                archive.toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--before");
    }
}
