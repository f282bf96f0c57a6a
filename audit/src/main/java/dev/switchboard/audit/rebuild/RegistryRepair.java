package dev.switchboard.audit.rebuild;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Makes the live registry equal to the rebuilt one by replacing only the rows that differ, in the caller's (locked)
 * transaction. Readers see the old rows or the new ones, never a gap: the change commits as one. Rows that already
 * match are not touched, so the cost follows the differences, not the table (see {@link RegistryRebuild}).
 */
final class RegistryRepair {

    private static final int KEYS_PER_STATEMENT = 1_000;

    private final JdbcTemplate jdbc;

    RegistryRepair(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param removed live rows deleted: the extra ones and the differing ones
     * @param inserted rows copied from the replay: the missing ones and the differing ones
     */
    record Result(int removed, int inserted) {}

    /** Over both whole tables: when it is not known which rows may differ. */
    Result apply(String liveTable, String rebuiltTable) {
        return apply(liveTable, rebuiltTable, List.of(List.of()));
    }

    /** Over the rows with these keys only: the others are known to be equal. */
    Result apply(String liveTable, String rebuiltTable, Collection<String> keys) {
        List<String> sorted = keys.stream().sorted().distinct().toList();
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < sorted.size(); from += KEYS_PER_STATEMENT) {
            chunks.add(sorted.subList(from, Math.min(from + KEYS_PER_STATEMENT, sorted.size())));
        }
        return chunks.isEmpty() ? new Result(0, 0) : apply(liveTable, rebuiltTable, chunks);
    }

    /** @param chunks key lists, one statement each; one empty list means every row */
    private Result apply(String liveTable, String rebuiltTable, List<List<String>> chunks) {
        int removed = 0;
        // every delete before any insert, so a final id moving between two rows never meets its own old copy in the
        // unique key
        for (List<String> chunk : chunks) {
            removed += jdbc.update(
                    "DELETE FROM " + liveTable + " WHERE " + only(liveTable, chunk) + "NOT EXISTS "
                            + "(SELECT 1 FROM " + rebuiltTable + " r WHERE r.preliminary_id = " + liveTable
                            + ".preliminary_id AND NOT " + RegistryVerify.differs(liveTable, "r") + ")",
                    chunk.toArray());
        }
        String columns = "preliminary_id, " + String.join(", ", RegistryVerify.COLUMNS);
        int added = 0;
        for (List<String> chunk : chunks) {
            added += jdbc.update(
                    "INSERT INTO " + liveTable + " (" + columns + ") SELECT " + columns + " FROM "
                            + rebuiltTable + " r WHERE " + only("r", chunk) + "NOT EXISTS (SELECT 1 FROM " + liveTable
                            + " l WHERE l.preliminary_id = r.preliminary_id)",
                    chunk.toArray());
        }
        return new Result(removed, added);
    }

    private static String only(String table, List<String> keys) {
        return keys.isEmpty()
                ? ""
                : table + ".preliminary_id IN (" + String.join(",", Collections.nCopies(keys.size(), "?")) + ") AND ";
    }
}
