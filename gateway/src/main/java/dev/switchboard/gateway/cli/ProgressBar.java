package dev.switchboard.gateway.cli;

import java.io.PrintWriter;

/** A one-line progress bar on standard error, so that standard output stays clean for scripts. */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintWriter err;

    ProgressBar(PrintWriter err) {
        this.err = err;
    }

    void show(String label, long done, long total, double perSecond, Long etaSeconds) {
        int filled = total <= 0 ? 0 : (int) Math.min(WIDTH, WIDTH * done / total);
        String eta = etaSeconds == null ? "" : " ETA " + etaSeconds + " s";
        err.printf(
                "\r%-10s [%s%s] %,d/%,d events  %,.0f/s%s   ",
                label, "#".repeat(filled), "-".repeat(WIDTH - filled), done, total, perSecond, eta);
        err.flush();
    }

    void finish() {
        err.println();
        err.flush();
    }
}
