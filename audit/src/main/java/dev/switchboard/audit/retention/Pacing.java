package dev.switchboard.audit.retention;

/** Keeps a run under a rate of rows per second by pausing after a batch that got ahead of it. */
final class Pacing {

    private final double perSecond;
    private final long startNanos = System.nanoTime();
    private long done;

    Pacing(double perSecond) {
        this.perSecond = perSecond;
    }

    void after(int rows) {
        done += rows;
        if (perSecond <= 0) {
            return;
        }
        long dueNanos = (long) (done / perSecond * 1e9);
        long aheadMillis = (dueNanos - (System.nanoTime() - startNanos)) / 1_000_000;
        if (aheadMillis > 0) {
            try {
                Thread.sleep(aheadMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("archiving was interrupted", e);
            }
        }
    }
}
