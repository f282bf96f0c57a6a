package dev.switchboard.gateway.cli;

import dev.switchboard.audit.archive.ArchiveCorruptException;
import dev.switchboard.audit.retention.ArchiveRefusedException;
import dev.switchboard.audit.retention.ArchiveResult;
import dev.switchboard.audit.retention.ArchiveSettings;
import dev.switchboard.audit.retention.Archiver;
import dev.switchboard.audit.retention.RetentionCutoffs;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code archive --before <instant> --to <dir>}: moves what retention allows out of the live table into segments under
 * the directory (see {@link Archiver}). Safe to run again, or after a crash: it first finishes what was left.
 */
@Command(
        name = "archive",
        header = "Moves old events out of the live table into archive segments.",
        mixinStandardHelpOptions = true,
        description = {
            "Moves agent feed events older than the instant (all but each feed's newest) and every event of "
                    + "connections closed before it into compressed, checksummed segments under the directory; "
                    + "each segment is verified before its rows are deleted. Safe to run twice or after a crash.",
            "Needs PostgreSQL."
        })
final class ArchiveCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--before",
            required = true,
            paramLabel = "<instant>",
            description = "ISO-8601 instant, e.g. 2026-11-01T00:00:00Z")
    Instant before;

    @Option(names = "--to", required = true, paramLabel = "<dir>", description = "the archive directory")
    Path directory;

    @Option(
            names = "--segment-events",
            paramLabel = "<n>",
            description = "events per segment at most (default: ${DEFAULT-VALUE})")
    int segmentEvents = ArchiveSettings.DEFAULTS.segmentEvents();

    @Option(
            names = "--delete-batch",
            paramLabel = "<n>",
            description = "rows deleted per transaction (default: ${DEFAULT-VALUE})")
    int deleteBatch = ArchiveSettings.DEFAULTS.deleteBatch();

    @Override
    public Integer call() {
        var settings = new ArchiveSettings(
                segmentEvents,
                deleteBatch,
                ArchiveSettings.DEFAULTS.windowPositions(),
                0,
                ArchiveSettings.DEFAULTS.writers());
        var archiver = new Archiver(database.dataSource(), directory, settings, ArchivePauses.fromEnvironment());
        ArchiveResult result;
        try {
            result = archiver.run(RetentionCutoffs.both(before));
        } catch (ArchiveRefusedException e) {
            throw new CliFailure(CliFailure.DATABASE, e.getMessage());
        } catch (ArchiveCorruptException e) {
            throw new CliFailure(
                    CliFailure.ARCHIVE_DAMAGED, "the archive in " + directory + " is damaged: " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (result.recovered() > 0) {
            out.println("finished an earlier run: deleted " + result.recovered() + " rows that were already archived");
        }
        out.println("archived " + result.archived() + " events before " + before + " in " + result.segments()
                + " segments to " + directory);
        return 0;
    }
}
