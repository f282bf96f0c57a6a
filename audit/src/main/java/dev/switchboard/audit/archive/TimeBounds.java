package dev.switchboard.audit.archive;

import java.time.Instant;
import java.util.List;

/**
 * The earliest and latest row time of a segment, for its manifest. Axon writes every time stamp in one layout
 * ({@code 2026-01-05T08:00:00.266Z}); strings of one layout (digits at the same places, the same separators) sort as
 * their instants do, so only the two extremes are parsed. A segment whose stamps differ in layout is parsed row by row.
 */
final class TimeBounds {

    private TimeBounds() {}

    /** {@code [earliest, latest]} of the rows' {@code timeStamp}s; {@code rows} is not empty. */
    static Instant[] of(List<ArchivedRow> rows) {
        String first = rows.get(0).timeStamp();
        String earliest = first;
        String latest = first;
        for (ArchivedRow row : rows) {
            String at = row.timeStamp();
            if (!sameLayout(first, at)) {
                return parsingEach(rows);
            }
            earliest = at.compareTo(earliest) < 0 ? at : earliest;
            latest = at.compareTo(latest) > 0 ? at : latest;
        }
        return new Instant[] {Instant.parse(earliest), Instant.parse(latest)};
    }

    private static boolean sameLayout(String a, String b) {
        if (a.length() != b.length() || !a.endsWith("Z")) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            boolean digit = x >= '0' && x <= '9';
            if (digit ? (y < '0' || y > '9') : x != y) {
                return false;
            }
        }
        return true;
    }

    private static Instant[] parsingEach(List<ArchivedRow> rows) {
        Instant earliest = Instant.MAX;
        Instant latest = Instant.MIN;
        for (ArchivedRow row : rows) {
            Instant at = Instant.parse(row.timeStamp());
            earliest = at.isBefore(earliest) ? at : earliest;
            latest = at.isAfter(latest) ? at : latest;
        }
        return new Instant[] {earliest, latest};
    }
}
