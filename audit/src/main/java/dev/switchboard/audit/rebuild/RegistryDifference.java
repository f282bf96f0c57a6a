package dev.switchboard.audit.rebuild;

/**
 * One way the live registry differs from a fresh replay of the log. Either a projection bug or a live table changed
 * by something other than the projection: the log is the truth, so {@code rebuilt} is what the row should hold.
 *
 * @param preliminaryId the row's key
 * @param column the column that differs; null when the whole row is missing or extra
 * @param live the live table's value, as text; null for a missing row or a null column
 * @param rebuilt the replay's value, as text; null for an extra row or a null column
 */
public record RegistryDifference(Kind kind, String preliminaryId, String column, String live, String rebuilt) {

    public enum Kind {
        /** The log produces this row, the live table lacks it. */
        MISSING_ROW,
        /** The live table has a row the log does not produce. */
        EXTRA_ROW,
        /** Both have the row; one column holds another value. */
        COLUMN_DIFFERS
    }

    static RegistryDifference missingRow(String preliminaryId) {
        return new RegistryDifference(Kind.MISSING_ROW, preliminaryId, null, null, null);
    }

    static RegistryDifference extraRow(String preliminaryId) {
        return new RegistryDifference(Kind.EXTRA_ROW, preliminaryId, null, null, null);
    }

    static RegistryDifference column(String preliminaryId, String column, String live, String rebuilt) {
        return new RegistryDifference(Kind.COLUMN_DIFFERS, preliminaryId, column, live, rebuilt);
    }

    /** One line for a person, e.g. {@code pre_1: state differs: live CLOSED, rebuilt READY}. */
    public String describe() {
        return switch (kind) {
            case MISSING_ROW -> preliminaryId + ": missing from the live registry";
            case EXTRA_ROW -> preliminaryId + ": in the live registry but not in the log";
            case COLUMN_DIFFERS -> preliminaryId + ": " + column + " differs: live " + live + ", rebuilt " + rebuilt;
        };
    }
}
