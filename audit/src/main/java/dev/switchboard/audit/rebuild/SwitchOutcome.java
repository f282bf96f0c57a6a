package dev.switchboard.audit.rebuild;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What the locked transaction of a rebuild found and did, and how it reads for an operator.
 *
 * @param position the log position both tables were compared at
 * @param repaired what the repair changed; null when nothing was changed
 * @param lockMillis from asking for the lock to the commit: how long commands may have waited
 * @param eventsUnderLock events applied to the replay while the live table was locked
 * @param rowsUnderLock rows compared while the live table was locked: those touched since the comparison outside it
 * @param locked false on H2, which ran the same steps without the lock
 */
record SwitchOutcome(
        long position,
        List<RegistryDifference> differences,
        RegistryRepair.Result repaired,
        long lockMillis,
        long eventsUnderLock,
        long rowsUnderLock,
        boolean locked) {

    private static final int DIFFERENCES_IN_MESSAGE = 20;

    SwitchOutcome lockedFor(long millis) {
        return new SwitchOutcome(position, differences, repaired, millis, eventsUnderLock, rowsUnderLock, locked);
    }

    RebuildState state() {
        return differences.isEmpty() || repaired != null ? RebuildState.SWITCHED : RebuildState.FAILED;
    }

    String message() {
        String lock = " The live table was locked " + lockMillis + " ms (" + eventsUnderLock
                + " events applied and " + rowsUnderLock + " rows compared under the lock)"
                + (locked ? "." : "; H2 has no such lock: the result is exact only if no node wrote meanwhile.");
        if (differences.isEmpty()) {
            return "The live registry equals a fresh replay of the log up to position " + position
                    + "; the switch had nothing to change." + lock;
        }
        if (repaired != null) {
            return "Repaired " + summary() + ": " + repaired.removed() + " live rows removed, " + repaired.inserted()
                    + " inserted from the replay." + lock;
        }
        return summary() + "; the live registry is unchanged. Rebuild with repair to replace the differing rows "
                + "from the log." + lock;
    }

    private String summary() {
        String first = differences.stream()
                .limit(DIFFERENCES_IN_MESSAGE)
                .map(RegistryDifference::describe)
                .collect(Collectors.joining("; "));
        return differences.size() + " differences from a fresh replay of the log up to position " + position + " ("
                + first + (differences.size() > DIFFERENCES_IN_MESSAGE ? "; …)" : ")");
    }
}
