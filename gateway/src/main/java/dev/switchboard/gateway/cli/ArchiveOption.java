package dev.switchboard.gateway.cli;

import dev.switchboard.audit.log.EventLog;
import dev.switchboard.audit.log.UnreadArchive;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.sql.DataSource;
import picocli.CommandLine.Option;

/**
 * {@code --archive <dir>}: the log is the archive under the directory and the event table, read as one. The database
 * marks what was archived, so a command run without the archive it needs (or with another directory) knows: one whose
 * answer needs the whole log refuses, one that shows what it finds says what it cannot see.
 */
final class ArchiveOption {

    @Option(
            names = "--archive",
            paramLabel = "<dir>",
            description = "also read the archived events under this directory (written by archive), "
                    + "as one log with the event table. Without it, on a log the database marks archived, "
                    + "verify, rebuild, registry-at and export-fixture exit 5; history and timeline add a note")
    Path directory;

    EventLog eventLog(DataSource dataSource) {
        if (directory != null && !Files.isDirectory(directory)) {
            throw new CliFailure(CliFailure.USAGE, "--archive " + directory + " is not a directory");
        }
        return new EventLog(dataSource, directory);
    }

    /** The log, refused with exit code {@value CliFailure#ARCHIVE_NOT_READ} when it lacks archived events. */
    EventLog wholeLog(DataSource dataSource) {
        EventLog log = eventLog(dataSource);
        log.unreadArchive().ifPresent(unread -> {
            throw new CliFailure(CliFailure.ARCHIVE_NOT_READ, sentence(unread));
        });
        return log;
    }

    /** Says on {@code err} which archived events the answer that follows cannot show. */
    static void note(UnreadArchive unread, PrintWriter err) {
        err.println("note: " + sentence(unread) + " (this answer shows only what the event table still holds)");
    }

    /** A not-found failure, which names the archived events it could not search, if any. */
    static CliFailure notFound(String what, Optional<UnreadArchive> unread) {
        return new CliFailure(
                CliFailure.NOT_FOUND, what + unread.map(u -> "; " + sentence(u)).orElse(""));
    }

    /** What is unread and what to do about it, e.g. "...; pass --archive /var/archive to read them". */
    static String sentence(UnreadArchive unread) {
        return unread.sentence()
                + (unread.wrongArchive()
                        ? "; pass --archive with the directory that holds them"
                        : "; pass --archive " + unread.archivedTo() + " to read them");
    }
}
