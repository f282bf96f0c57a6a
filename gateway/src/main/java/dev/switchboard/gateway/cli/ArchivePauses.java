package dev.switchboard.gateway.cli;

import dev.switchboard.audit.retention.ArchiveListener;
import java.util.Locale;

/**
 * A test hook, off unless {@code SWITCHBOARD_ARCHIVE_PAUSE_AT=<point>:<n>} is set: the n-th time the run reaches that
 * {@link ArchiveListener.Point}, it says so on standard error and stops there, so that a test can kill the process at
 * a known point of a run.
 */
final class ArchivePauses implements ArchiveListener {

    private final Point point;
    private final int occurrence;
    private int reached;

    private ArchivePauses(Point point, int occurrence) {
        this.point = point;
        this.occurrence = occurrence;
    }

    static ArchiveListener fromEnvironment() {
        String setting = System.getenv("SWITCHBOARD_ARCHIVE_PAUSE_AT");
        if (setting == null || setting.isBlank()) {
            return ArchiveListener.NONE;
        }
        String[] parts = setting.split(":");
        return new ArchivePauses(Point.valueOf(parts[0].toUpperCase(Locale.ROOT)), Integer.parseInt(parts[1]));
    }

    @Override
    public void reached(Point at) {
        if (at == point && ++reached == occurrence) {
            System.err.println("paused at " + at + " " + occurrence);
            System.err.flush();
            while (true) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
