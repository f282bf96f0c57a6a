package dev.switchboard.gateway.cli;

import dev.switchboard.audit.log.EventLog;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import picocli.CommandLine.Option;

/** {@code --archive <dir>}: the log is the archive under the directory and the event table, read as one. */
final class ArchiveOption {

    @Option(
            names = "--archive",
            paramLabel = "<dir>",
            description = "also read the archived events under this directory (written by archive), "
                    + "as one log with the event table")
    Path directory;

    EventLog eventLog(DataSource dataSource) {
        if (directory != null && !Files.isDirectory(directory)) {
            throw new CliFailure(CliFailure.USAGE, "--archive " + directory + " is not a directory");
        }
        return new EventLog(dataSource, directory);
    }
}
