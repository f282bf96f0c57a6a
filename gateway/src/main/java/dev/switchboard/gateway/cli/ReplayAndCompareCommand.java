package dev.switchboard.gateway.cli;

import dev.switchboard.audit.archive.ArchiveCorruptException;
import dev.switchboard.audit.rebuild.RebuildState;
import dev.switchboard.audit.rebuild.RebuildStatus;
import dev.switchboard.audit.rebuild.RegistryDifference;
import dev.switchboard.audit.rebuild.RegistryRebuild;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * What {@code rebuild [--repair]} and {@code verify} share: replay the whole log into a fresh registry beside the live
 * one, compare them row by row, and switch (only with nothing to repair, or when asked to repair). Nodes may keep running: the
 * switch is one short locked transaction. A difference means a projection bug or a tampered table: exit code 1. A log
 * whose archived events this run would not read is refused before the claim (exit code 5), and a damaged archive
 * segment ends the run with exit code 6, naming the file.
 */
abstract class ReplayAndCompareCommand extends LogReport {

    @Override
    public Integer call() throws Exception {
        DataSource dataSource = database.dataSource();
        var rebuild = new RegistryRebuild(
                dataSource, archive.wholeLog(dataSource), Clock.systemUTC(), RegistryRebuild.Settings.defaults());
        RebuildStatus claimed = rebuild.claim("cli")
                .orElseThrow(() -> new CliFailure(
                        CliFailure.FOUND_PROBLEMS, "a rebuild is already running; see GET /api/projections/registry"));
        var failure = new AtomicReference<RuntimeException>();
        var running = CompletableFuture.supplyAsync(() -> rebuild.run(claimed, repair(), failure::set));
        var bar = new ProgressBar(spec.commandLine().getErr());
        RebuildStatus finished = null;
        while (finished == null) {
            try {
                finished = running.get(200, TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillRunning) {
                RebuildStatus now = rebuild.status();
                var instant = Clock.systemUTC().instant();
                bar.show(
                        now.state().name(),
                        now.eventsDone(),
                        now.eventsTotal(),
                        now.eventsPerSecond(instant),
                        now.etaSeconds(instant));
            }
        }
        bar.finish();
        if (failure.get() instanceof ArchiveCorruptException damaged) {
            throw damaged;
        }
        report(finished);
        return finished.state() == RebuildState.SWITCHED
                        && (repair() || finished.differences().isEmpty())
                ? 0
                : CliFailure.FOUND_PROBLEMS;
    }

    /** Whether live rows that differ from the replay are replaced, or only reported. */
    abstract boolean repair();

    private void report(RebuildStatus finished) {
        var out = spec.commandLine().getOut();
        if (output.json) {
            output.json(out, finished);
            return;
        }
        out.println(finished.state() + ": " + finished.message());
        out.printf(
                "%,d events replayed; live table locked %s ms, %s rows compared under the lock%n",
                finished.eventsDone(), finished.lockMillis(), finished.rowsComparedUnderLock());
        List<RegistryDifference> differences = finished.differences();
        if (!differences.isEmpty()) {
            out.println(differences.size() + " difference(s) between the live registry and the log's replay:");
            differences.forEach(difference -> out.println("  " + difference.describe()));
        }
    }
}
