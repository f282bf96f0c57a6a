package dev.switchboard.audit.timeline;

/** Log positions {@code from} to {@code to}, both inclusive; empty when {@code from > to}. */
public record PositionRange(long from, long to) {

    /** Positions are an identity column: the first event is at 1, so 0 is before everything. */
    static final long BEFORE_FIRST = 0;

    public static PositionRange upTo(long to) {
        return new PositionRange(BEFORE_FIRST + 1, to);
    }

    public boolean contains(long position) {
        return position >= from && position <= to;
    }
}
