package dev.switchboard.gateway.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.audit.archive.Archive;
import dev.switchboard.gateway.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The archive command killed with SIGKILL at a known point of its run (the run stops there through a test hook and the
 * test kills it), then run again: the live table and the archive together hold the original log exactly, each
 * position once with the same bytes, and the archive holds exactly what retention allows.
 */
class ArchiveKillProcessIT {

    private static TestDatabase original;
    private static KnownLog log;

    @TempDir
    Path work;

    @BeforeAll
    static void knownLog() throws Exception {
        original = TestDatabase.fresh();
        log = KnownLog.writeTo(original, 40, 60, 600);
    }

    @ParameterizedTest(name = "killed at {0}")
    @ValueSource(
            strings = {
                "SEGMENT_WRITTEN:1",
                "MANIFEST_WRITTEN:2",
                "BATCH_DELETED:3",
                "BATCH_DELETED:11",
                "SEGMENT_PURGED:4",
                "MANIFEST_WRITTEN:3,BATCH_DELETED:2",
                "timed"
            })
    void aRunKilledAtAnyPointThenRunAgainLosesNothingAndDuplicatesNothing(String kills) throws Exception {
        TestDatabase database = original.copy();
        Path archive = work.resolve("archive");
        int killed = 0;
        for (String point : kills.split(",")) {
            Process run = start(database, archive, point, "run-" + killed);
            if (point.equals("timed")) {
                Thread.sleep(1500);
            } else {
                Path err = work.resolve("run-" + killed + ".err");
                Awaitility.await("the run reaches " + point)
                        .atMost(Duration.ofMinutes(2))
                        .failFast("the run ended before " + point, () -> !run.isAlive())
                        .until(() -> Files.readString(err).contains("paused at "));
            }
            run.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            killed++;
        }
        ArchiveAndTable afterKills = ArchiveAndTable.read(database, archive);
        assertThat(afterKills.archivedPositions()).isSubsetOf(log.archivable());

        Process finish = start(database, archive, null, "finish");
        assertThat(finish.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(finish.exitValue())
                .as(Files.readString(work.resolve("finish.err")))
                .isZero();

        ArchiveAndTable after = ArchiveAndTable.read(database, archive);
        after.holdExactly(log.rows());
        assertThat(after.archivedPositions()).containsExactlyInAnyOrderElementsOf(log.archivable());
        assertThat(Archive.at(archive).incomplete()).isEmpty();
    }

    private Process start(TestDatabase database, Path archive, String pauseAt, String name) throws Exception {
        Map<String, String> environment =
                pauseAt == null || pauseAt.equals("timed") ? Map.of() : Map.of("SWITCHBOARD_ARCHIVE_PAUSE_AT", pauseAt);
        return ArchiveCommandProcess.start(
                database,
                work,
                name,
                environment,
                "--before",
                KnownLog.CUTOFF.toString(),
                "--to",
                archive.toString(),
                "--segment-events",
                "300",
                "--delete-batch",
                "50");
    }
}
